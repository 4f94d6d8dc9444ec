// One colour per PLOVER event type, the same on the map, the legend, the table and the event
// view: greens and blues for cooperation, yellows and oranges for verbal conflict, purples and
// reds for material conflict.

export const PLOVER_COLOURS = {
  AGREE: '#1b9e77',
  CONSULT: '#66a61e',
  SUPPORT: '#98c94c',
  CONCEDE: '#6baed6',
  COOPERATE: '#1f78b4',
  AID: '#17becf',
  RETREAT: '#8c96c6',
  REQUEST: '#e6ab02',
  ACCUSE: '#ff7f00',
  REJECT: '#b8860b',
  THREATEN: '#a6761d',
  PROTEST: '#e7298a',
  SANCTION: '#9e66c7',
  MOBILIZE: '#6a3d9a',
  COERCE: '#f16850',
  ASSAULT: '#c81d25',
};

const OTHER = '#888888';

export function colour(type) {
  return PLOVER_COLOURS[type] || OTHER;
}

// CAMEO's twenty roots, for the CAMEO filter.
export const CAMEO_ROOTS = [
  ['01', 'Make public statement'],
  ['02', 'Appeal'],
  ['03', 'Express intent to cooperate'],
  ['04', 'Consult'],
  ['05', 'Engage in diplomatic cooperation'],
  ['06', 'Engage in material cooperation'],
  ['07', 'Provide aid'],
  ['08', 'Yield'],
  ['09', 'Investigate'],
  ['10', 'Demand'],
  ['11', 'Disapprove'],
  ['12', 'Reject'],
  ['13', 'Threaten'],
  ['14', 'Protest'],
  ['15', 'Exhibit military posture'],
  ['16', 'Reduce relations'],
  ['17', 'Coerce'],
  ['18', 'Assault'],
  ['19', 'Fight'],
  ['20', 'Use unconventional mass violence'],
];

export const MODALITIES = ['asserted', 'negated', 'future', 'hypothetical'];

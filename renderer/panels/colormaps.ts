/** The colormaps offered in the layer panel (niivue names), in the user's words. */
export const POSITIVE_MAPS: { id: string; label: string }[] = [
  { id: 'redyell', label: 'red-yellow' },
  { id: 'warm', label: 'warm' },
  { id: 'hot', label: 'hot' },
  { id: 'red', label: 'red' },
  { id: 'green', label: 'green' },
  { id: 'viridis', label: 'viridis' },
  { id: 'inferno', label: 'inferno' },
  { id: 'gray', label: 'grey' },
];

export const NEGATIVE_MAPS: { id: string; label: string }[] = [
  { id: 'blue2cyan', label: 'blue-light blue' },
  { id: 'winter', label: 'winter' },
  { id: 'cool', label: 'cool' },
  { id: 'blue', label: 'blue' },
  { id: 'electric_blue', label: 'electric blue' },
];

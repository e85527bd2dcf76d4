/** Most `/intervene` rules one channel may hold (each adds a judge call per step). */
export const MAX_INTERVENTIONS = 5;

/** The current time in ms since the epoch. Injected so tests can move it (scheduled articles). */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

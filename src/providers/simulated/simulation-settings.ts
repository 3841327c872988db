/** How a simulated provider behaves: whom it stands for, how fast it answers and how often it fails. */
export interface SimulationSettings {
  /** The catalog provider type it stands for (`deepseek`, `together`): its models, prices and facts apply. */
  simulates: string;
  /** Typical time to the first token, ms (each answer varies around it). */
  ttftMs: number;
  /** Typical output speed once the answer has started. */
  tokensPerSecond: number;
  /** Share of requests answered with a 429 or a 5xx instead, in [0, 1]. */
  errorRate: number;
}

/** What a simulated provider does where the config says nothing. */
export const SIMULATION_DEFAULTS = Object.freeze({ ttftMs: 500, tokensPerSecond: 60, errorRate: 0 });

// The shape every bench file's default export resolves to (see bench/run.ts).

/** One measured figure, optionally with the same figure measured for a peer in the same run. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** The budget or goal, as people read it (`≤ 6 KB`, `≥ 500,000/s`). */
  target?: string;
  peer?: { name: string; value: number };
}

/** A bench file's default export. */
export type Bench = () => Promise<BenchRow[]>;

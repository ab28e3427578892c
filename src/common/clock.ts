/** Where services read the time, so tests can move it. */
export interface Clock {
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told otherwise: for tests that cross midnights without waiting for them. */
export class ManualClock implements Clock {
  private time: number;

  constructor(start: Date | string | number = Date.now()) {
    this.time = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.time);
  }

  set(date: Date | string | number): void {
    this.time = new Date(date).getTime();
  }

  advance(ms: number): Date {
    this.time += ms;
    return this.now();
  }
}

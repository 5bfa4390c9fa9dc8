// What `keepcall doctor` reports.

export type Area = 'android' | 'ios' | 'expo';

/** Something that would make keeping a call alive fail on a device, with how to fix it. */
export interface Problem {
  /** Stable identifier tools can switch on (`missing-fgs-permission`, `unknown-permission`, …). */
  id: string;
  area: Area;
  /** The PLATFORM_RULES.md rule behind it (`A3`), when there is one. */
  rule?: string;
  /** The file to change, relative to the app folder. */
  file: string;
  message: string;
  fix: string;
}

/** A fact worth knowing that is not a problem (an assumption made, a check skipped). */
export interface Remark {
  area: Area;
  message: string;
}

export interface DoctorReport {
  appDir: string;
  /** The files inspected, per area, relative to the app folder. */
  inspected: Partial<Record<Area, string>>;
  problems: Problem[];
  notes: Remark[];
}

/** The project could not be read: bad usage or an unreadable file; exit code 2. */
export class UnreadableProject extends Error {
  /** Builds the error from the file concerned (relative, or the folder) and the reason. */
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'UnreadableProject';
  }
}

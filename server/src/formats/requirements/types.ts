/** The Python packages a project declares, as far as requirements files tell. */
import type { OffsetRange } from '../../core/text';

export interface Requirement {
  /** Normalised as pip does (PEP 503: lower case, runs of `-_.` become `-`): `uvicorn-worker`. */
  name: string;
  /** As written: `Uvicorn_Worker`. */
  rawName: string;
  /** The version specifier as written (`==23.0.0`, `>=21,<24`), '' when none. */
  specifier: string;
  /** The exact version: the specifier's `==X` (or `===X`), else the version a lock file beside it records. */
  pinned?: string;
  /** The lock file that gave `pinned` (poetry.lock, uv.lock, Pipfile.lock); absent when the manifest pins it. */
  lockedIn?: string;
  /** Extras: `gunicorn[gevent]` -> ["gevent"]. */
  extras: string[];
  /** Absolute path of the file that declares it, and where. */
  path: string;
  range: OffsetRange;
}

export interface RequirementsInfo {
  /** The files read (requirements*.txt, pyproject.toml, Pipfile), absolute paths. */
  files: string[];
  /**
   * By normalised name; the first declaration wins. Packages only a lock file names (installed as dependencies of
   * others) are included too, with the lock file as their place and an empty specifier.
   */
  packages: Map<string, Requirement>;
}

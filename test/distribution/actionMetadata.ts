/**
 * The keys GitHub documents for an action's metadata file (action.yml), as data: what a composite action may say
 * at each level. Anything else in action.yml is a typo GitHub would reject or silently ignore.
 */
export const TOP_LEVEL_KEYS = ['name', 'description', 'author', 'inputs', 'outputs', 'runs', 'branding'] as const;
export const REQUIRED_TOP_LEVEL_KEYS = ['name', 'description', 'runs'] as const;
export const INPUT_KEYS = ['description', 'required', 'default', 'deprecationMessage'] as const;
/** A composite action's outputs say where their value comes from. */
export const COMPOSITE_OUTPUT_KEYS = ['description', 'value'] as const;
export const COMPOSITE_RUNS_KEYS = ['using', 'steps'] as const;
export const COMPOSITE_STEP_KEYS = ['run', 'shell', 'uses', 'with', 'name', 'id', 'if', 'env', 'working-directory', 'continue-on-error'] as const;
export const BRANDING_KEYS = ['icon', 'color'] as const;
export const BRANDING_COLORS = ['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark'] as const;
/** The shells a composite `run` step may name. */
export const SHELLS = ['bash', 'pwsh', 'python', 'sh', 'cmd', 'powershell'] as const;
/** An input's or output's id: letters, digits, `-` and `_`, starting with a letter or `_`. */
export const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;

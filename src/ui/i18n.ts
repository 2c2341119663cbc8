/** Words come from _locales through the browser; views receive this function, never the browser API. */
export type Translate = (key: string, substitutions?: string[]) => string

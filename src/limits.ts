/** Size bounds shared by the content script and the message schemas: a page can hold anything, a message cannot. */
export const MAX_FORMS = 50
export const MAX_URL = 2048
/** Distinct password-field length caps one frame reports. */
export const MAX_LIMITS = 10

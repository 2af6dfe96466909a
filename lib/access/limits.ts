/**
 * The door lockout's numbers, in one place (issue 12, DESIGN rule 4): 5 wrong codes for one card
 * at one door within 5 minutes lock that card at that door for 5 minutes. Client-safe (the
 * keypad page says them in words).
 */
export const DOOR_WRONG_CODES_MAX = 5;
export const DOOR_FAILURE_WINDOW_MS = 5 * 60_000;
export const DOOR_LOCK_MS = 5 * 60_000;

/**
 * Control characters (NUL among them, which PostgreSQL refuses in text) and bidirectional
 * overrides, which can make one name read as another in a list, an email or an audit log.
 * Every free text a person names something with is refused with them, as security-key names are.
 */
const UNSAFE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

export const isPlainText = (value: string): boolean => !UNSAFE.test(value);

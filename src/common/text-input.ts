/** C0 controls other than tab, line feed and carriage return, and DEL: no vendor field keeps them, and PostgreSQL refuses NUL. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused in text
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** A single-line field (name, e-mail, phone, id) takes no tab or line break either. */
// eslint-disable-next-line no-control-regex -- as above, line breaks included
const SINGLE_LINE_CONTROL = /[\u0000-\u001F\u007F]/;

/** What is wrong with a piece of user text, as the end of a message ("at most 255 characters"); null if nothing. */
export function textProblem(text: string, maxLength: number, multiLine: boolean): string | null {
  if (text.length > maxLength) return `at most ${maxLength} characters`;
  if (multiLine && CONTROL.test(text)) return "control characters other than tab and line breaks are not allowed";
  if (!multiLine && SINGLE_LINE_CONTROL.test(text)) return "control characters, tabs and line breaks are not allowed";
  return null;
}

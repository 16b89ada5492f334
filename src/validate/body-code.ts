/** A fenced block, or a code span: shown as code, so what is in it is meant as text. */
const CODE = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[^\n]*$|(?![\s\S]))|`[^`\n]+`/gm;

/**
 * A story's Markdown with its code blanked out, line breaks kept: for the checks that look for
 * what an editor pasted in (a shortcode, an embed), which a story about them may show as code.
 * The lines of what is left stay where they were.
 */
export function blankCode(body: string): string {
  return body.replace(CODE, (code) => code.replace(/[^\n]/g, ' '));
}

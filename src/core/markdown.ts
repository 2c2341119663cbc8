/**
 * A Markdown table cell from any text (a host name, a finding's title, a service's words): backslashes and pipes
 * escaped, line breaks made spaces, and `<` `>` as entities, so that a renderer shows it as text and never as a
 * column, a new row or HTML. One definition for the CLI's report and the report page's export.
 */
export function markdownCell(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'))
}

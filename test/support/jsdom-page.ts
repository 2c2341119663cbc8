/**
 * For the content script's tests under jsdom. jsdom's XPath reads local-name() without an argument wrongly (it
 * must mean the context node): it is given the context node explicitly. The expression is otherwise jsdom's to
 * evaluate; the browser tests run it in both browsers. Importing this module installs the fix.
 */
const evaluate = Document.prototype.evaluate
Document.prototype.evaluate = function (
  this: Document,
  expression: string,
  ...rest: [Node, XPathNSResolver | null, number, XPathResult | null]
) {
  return evaluate.call(this, expression.replaceAll('local-name()', 'local-name(.)'), ...rest)
}

/** The test document with this body. */
export function page(html: string): Document {
  document.body.innerHTML = html
  return document
}

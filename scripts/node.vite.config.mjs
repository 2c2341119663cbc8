// vite-node's config for the Node tools (scanner CLI): none of the extension's build plugins.
export default {}

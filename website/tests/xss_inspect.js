// What on the rendered page could run script or bring in another page: run in the browser after
// load (website/tests/test_xss_browser.py). Returns a list of problems, empty when the page is clean.
// `sitePage`: one of the site's own templates, which also keep its stricter rules (no <style>,
// every control in a form); the browsable API's framework template keeps only the rules on script.
(sitePage) => {
  const problems = [];
  const scriptUrl = (value) => /^(javascript|vbscript|data:text\/html)/i.test(
    (value || "").replace(/[\u0000-\u0020\u007f-\u00a0]/g, ""));
  const urlAttributes = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc",
    "background", "poster", "to", "values", "from", "by"]);
  // The "Cite, download, share" section's own copy buttons and embed code.
  const siteTool = (control) => Boolean(control.closest("section.reuse")) && (
    control.matches("button.copy-button[type=button][data-copy-target]") ||
    control.matches("textarea.embed-box__code[readonly]"));
  const describe = (el) => `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}>`;
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) problems.push(`${describe(el)} has ${name}`);
      if (urlAttributes.has(name) && scriptUrl(attr.value)) problems.push(`${describe(el)} ${name}=${attr.value}`);
    }
  }
  // The site's own scripts are static files of its own origin, and JSON-LD data that parses.
  for (const script of document.querySelectorAll("script")) {
    if (script.type === "application/ld+json" || script.type === "application/json") {
      try { JSON.parse(script.textContent); } catch (error) { problems.push(`JSON-LD does not parse: ${error}`); }
    } else if (!(script instanceof HTMLScriptElement) || !script.src.startsWith(`${location.origin}/static/`)) {
      problems.push(`a script not the site's own: ${script.outerHTML.slice(0, 120)}`);
    }
  }
  const foreign = "iframe, frame, frameset, object, embed, applet, base, meta[http-equiv=refresh], body link, " +
    "svg script, svg set, svg animate, svg foreignObject, math, noscript img, marquee" + (sitePage ? ", style" : "");
  for (const el of document.querySelectorAll(foreign)) problems.push(`content brought ${describe(el)}`);
  if (!sitePage) return problems;
  for (const link of document.querySelectorAll("link[rel~=stylesheet]")) {
    if (!link.href.startsWith(`${location.origin}/static/`)) problems.push(`a stylesheet from ${link.href}`);
  }
  // Every control belongs to one of the site's own forms (search, language switch), sent to its own
  // origin, or is one of the "Cite, download, share" section's copy buttons and its embed code.
  for (const control of document.querySelectorAll("input, button, textarea, select")) {
    if (siteTool(control)) continue;
    const form = control.closest("form");
    if (!form || new URL(form.action).origin !== location.origin) problems.push(`a stray control ${describe(control)}`);
  }
  return problems;
}

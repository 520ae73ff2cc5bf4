// The search box of manualctl's HTML edition: Pagefind's index (pagefind/, made by
// `manualctl publish`), searched in the browser, with no server program. The box is
// hidden in the page and shown only once the index has loaded, so without JavaScript,
// or from file:// (where browsers do not run module scripts), the site is as before.
const box = document.querySelector("[data-manualctl-search]");
const input = box && box.querySelector("input");
const status = box && box.querySelector("[data-search-status]");
const list = box && box.querySelector("[data-search-results]");

function text(html) {
  // Pagefind's excerpt is HTML (<mark> around the words found): show it as plain text.
  return new DOMParser().parseFromString(html, "text/html").body.textContent || "";
}

async function start() {
  const folder = new URL(".", window.location.href);
  const pagefind = await import(new URL("pagefind/pagefind.js", folder).href);
  await pagefind.options({ baseUrl: folder.pathname });
  await pagefind.init();
  let asked = 0;
  async function search() {
    const words = input.value.trim();
    const mine = ++asked;
    if (!words) {
      list.replaceChildren();
      status.textContent = "";
      return;
    }
    const found = await pagefind.debouncedSearch(words, {}, 200);
    if (found === null || mine !== asked) {
      return; // a newer search has started
    }
    const results = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
    if (mine !== asked) {
      return;
    }
    const items = results.map((result) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = result.url;
      link.textContent = (result.meta && result.meta.title) || result.url;
      const excerpt = document.createElement("p");
      excerpt.textContent = text(result.excerpt);
      item.append(link, excerpt);
      return item;
    });
    list.replaceChildren(...items);
    const count = found.results.length;
    status.textContent =
      count === 0
        ? `No chapter found for "${words}".`
        : `${count} chapter${count === 1 ? "" : "s"} found for "${words}"` +
          (count > items.length ? `, the first ${items.length} shown.` : ".");
  }
  input.addEventListener("input", search);
  box.hidden = false;
}

if (box && input && status && list) {
  start().catch(() => {
    box.hidden = true; // no index (or no server): the site works without search
  });
}

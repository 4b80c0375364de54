// Hearth's one script. Every page works without it; it only spares full reloads:
// reactions and replies are sent in the background, feeds load more as you scroll,
// times show in your own time zone, and the home feed says when new posts arrived.

const parser = new DOMParser();

async function fetchDocument(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return parser.parseFromString(await response.text(), "text/html");
}

// Exact times on hover, in the reader's time zone.
const exactFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short" });
function localizeTimes(root) {
  for (const time of root.querySelectorAll("time[datetime]")) {
    const at = new Date(time.getAttribute("datetime"));
    if (!Number.isNaN(at.getTime())) time.title = exactFormat.format(at);
  }
}

function showProblem(form, message) {
  let problem = form.querySelector(".problem");
  if (!problem) {
    problem = document.createElement("p");
    problem.className = "problem";
    problem.setAttribute("role", "alert");
    form.prepend(problem);
  }
  problem.textContent = message;
}

// Forms marked data-enhance are sent in the background. The server answers a
// successful form with a redirect; the fresh part of the page named by data-enhance
// is then fetched from data-source (or this page) and swapped in.
class NotSent extends Error {}

async function submitInBackground(form, submitter) {
  const body = new URLSearchParams(new FormData(form, submitter));
  const response = await fetch(form.action, {
    method: "POST",
    body,
    credentials: "same-origin",
    redirect: "manual",
  }).catch(() => {
    throw new NotSent();
  });
  if (response.type !== "opaqueredirect") {
    const page = parser.parseFromString(await response.text(), "text/html");
    const reason = page.querySelector("main p")?.textContent ?? "That did not work.";
    showProblem(form, reason);
    return;
  }
  const selector = form.dataset.enhance;
  const before = new Set([...document.querySelectorAll("article.post")].map((p) => p.id));
  const fresh = await fetchDocument(form.dataset.source ?? location.pathname + location.search);
  const replacement = fresh.querySelector(selector);
  const current = document.querySelector(selector);
  if (!replacement || !current) {
    location.reload();
    return;
  }
  current.replaceWith(replacement);
  localizeTimes(replacement);
  const added = [...document.querySelectorAll("article.post")].find((p) => !before.has(p.id));
  if (added) {
    added.scrollIntoView({ block: "center" });
    added.setAttribute("tabindex", "-1");
    added.focus({ preventScroll: true });
  } else if (submitter) {
    // Keep keyboard focus on the same control after it was replaced.
    const again = document.querySelector(
      `form[action="${form.getAttribute("action")}"] button[aria-pressed]`
        + `[title="${submitter.getAttribute("title")}"]`,
    );
    again?.focus();
  }
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
    return;
  }
  if (!form.dataset.enhance) return;
  event.preventDefault();
  const button = event.submitter;
  if (button) button.disabled = true;
  submitInBackground(form, event.submitter)
    .catch((failure) => {
      // Unsent, the form goes the ordinary way; sent but not refreshed, the page is
      // reloaded, so nothing is ever posted twice.
      if (failure instanceof NotSent) form.submit();
      else location.reload();
    })
    .finally(() => {
      if (button) button.disabled = false;
    });
});

// Infinite scroll: the "Older posts" link loads the next page into the feed when it
// comes into view. Without the script it is an ordinary link.
function watchPager(link) {
  const observer = new IntersectionObserver(async (entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    try {
      const next = await fetchDocument(link.href);
      const feed = document.querySelector("[data-feed]");
      const incoming = next.querySelector("[data-feed]");
      const added = incoming ? [...incoming.children] : [];
      if (feed && added.length > 0) {
        localizeTimes(incoming);
        feed.append(...added);
      }
      const pager = link.closest(".pager");
      // Whoever was on the link carries on reading at the first post it brought.
      if (document.activeElement === link && added[0]) {
        added[0].setAttribute("tabindex", "-1");
        added[0].focus();
      }
      const nextPager = next.querySelector(".pager");
      if (nextPager) {
        pager.replaceWith(nextPager);
        const more = nextPager.querySelector("a[data-more]");
        if (more) watchPager(more);
      } else {
        pager.remove();
      }
    } catch {
      // Leave the link in place: clicking it still works.
    }
  }, { rootMargin: "400px" });
  observer.observe(link);
}

// "N new posts": the home feed asks now and then whether anything newer arrived.
const PAGE = 20;
// The banner is a status region from the start, so screen readers announce it when
// its text appears, and only when the count changes.
function watchForNewPosts(banner) {
  const newest = banner.dataset.newest ? BigInt(banner.dataset.newest) : 0n;
  let shown = 0;
  async function check() {
    if (document.hidden) return;
    try {
      const response = await fetch(`/api/hearth/v1/feed?limit=${PAGE}`, { credentials: "same-origin" });
      if (!response.ok) return;
      const page = await response.json();
      const fresh = page.posts.filter((p) => BigInt(p.id) > newest).length;
      if (fresh > 0 && fresh !== shown) {
        shown = fresh;
        const many = fresh >= PAGE ? `${PAGE}+` : `${fresh}`;
        const link = document.createElement("a");
        link.href = "/";
        link.textContent = fresh === 1 ? "1 new post" : `${many} new posts`;
        banner.replaceChildren(link);
      }
    } catch {
      // Offline for a moment; try again on the next tick.
    }
  }
  // Every open home page asks, so not too often; the live stream will replace this.
  setInterval(check, 10_000);
  document.addEventListener("visibilitychange", check);
}

// "Back" on an error page returns to the form as it was, draft included.
document.addEventListener("click", (event) => {
  const back = event.target.closest?.("a[data-back]");
  if (back && history.length > 1) {
    event.preventDefault();
    history.back();
  }
});

localizeTimes(document);
for (const link of document.querySelectorAll("a[data-more]")) watchPager(link);
for (const banner of document.querySelectorAll("[data-new-posts]")) watchForNewPosts(banner);

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

// The live stream: one WebSocket per page, reconnecting with the last event seen so
// nothing is missed. Parts of the page listen for the kinds of events they show.
const live = {
  listeners: new Map(),
  on(kind, listener) {
    if (!this.listeners.has(kind)) this.listeners.set(kind, []);
    this.listeners.get(kind).push(listener);
    this.connect();
  },
  seen: new Set(),
  lastId: null,
  failures: 0,
  socket: null,
  // Away while every page of the person's is hidden (presence is per connection).
  tellPresence() {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify({ type: document.hidden ? "away" : "active" }));
  },
  connect() {
    if (this.socket || !("WebSocket" in window)) return;
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const after = this.lastId ? `?after=${this.lastId}` : "";
    const socket = new WebSocket(`${scheme}://${location.host}/api/hearth/v1/stream${after}`);
    this.socket = socket;
    socket.addEventListener("open", () => this.tellPresence());
    socket.addEventListener("message", (message) => {
      const frame = JSON.parse(message.data);
      if (frame.type === "ready") this.failures = 0;
      if (frame.type === "reset") location.reload();
      if (frame.type !== "event") return;
      if (frame.id) {
        // A resumed stream repeats a little of what came before; show it once.
        if (this.seen.has(frame.id)) return;
        this.seen.add(frame.id);
        this.lastId = frame.id;
      }
      for (const listener of this.listeners.get(frame.kind) ?? []) listener(frame.data);
    });
    socket.addEventListener("close", (closed) => {
      this.socket = null;
      if (closed.code === 4001) return; // Signed out: nothing more to hear.
      this.failures += 1;
      const wait = Math.min(30_000, 500 * 2 ** this.failures) * (0.5 + Math.random());
      setTimeout(() => this.connect(), wait);
    });
  },
};

document.addEventListener("visibilitychange", () => live.tellPresence());

// "N new posts": the home feed counts the posts announced on the live stream.
function watchForNewPosts(banner) {
  const fresh = new Set();
  live.on("post.created", (post) => {
    if (banner.dataset.newest && BigInt(post.post_id) <= BigInt(banner.dataset.newest)) return;
    fresh.add(post.post_id);
    const link = document.createElement("a");
    link.href = "/";
    link.textContent = fresh.size === 1 ? "1 new post" : `${fresh.size} new posts`;
    // The banner is a status region from the start, so screen readers announce it.
    banner.replaceChildren(link);
  });
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

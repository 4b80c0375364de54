// Hearth's one script. Every page works without it; it only spares full reloads:
// reactions and replies are sent in the background, feeds load more as you scroll,
// times show in your own time zone, and the home feed says when new posts arrived.

const parser = new DOMParser();

// The page's language, and the sentences this script writes in it: the server puts
// them in <script type="application/json" id="hearth-messages"> (pages/script_messages.rs).
const language = document.documentElement.lang || undefined;
let messages = null;
const pluralRules = new Intl.PluralRules(language);

// msg("script-typing-one", { name: "Bea" }) → "Bea is typing…". A message with a
// count comes in several forms; the one whose plural category matches is used.
function msg(id, args = {}) {
  if (!messages) {
    try {
      messages = JSON.parse(document.getElementById("hearth-messages")?.textContent ?? "{}");
    } catch {
      messages = {};
    }
  }
  let text = messages[id] ?? id;
  if (typeof text === "object") {
    const category = pluralRules.select(Number(args.count));
    const forms = Object.keys(text);
    const sample = forms.find((n) => pluralRules.select(Number(n)) === category) ?? forms.at(-1);
    text = text[sample] ?? id;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in args ? String(args[name]) : whole));
}

async function fetchDocument(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return parser.parseFromString(await response.text(), "text/html");
}

// Exact times on hover, in the reader's time zone.
const exactFormat = new Intl.DateTimeFormat(language, { dateStyle: "full", timeStyle: "short" });
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
    const reason = page.querySelector("main p")?.textContent ?? msg("script-did-not-work");
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
  suggestInComposers(replacement);
  enhanceAttachIn(replacement);
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
  // Focus that went with the replaced part goes to what replaced it, so a keyboard
  // or screen reader user stays where they acted (a poll after voting).
  if (!document.activeElement || document.activeElement === document.body) {
    replacement.setAttribute("tabindex", "-1");
    replacement.focus({ preventScroll: true });
  }
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const confirmation = event.submitter?.dataset.confirm ?? form.dataset.confirm;
  if (confirmation && !window.confirm(confirmation)) {
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
        suggestInComposers(feed);
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
      // Soon after a restart, then backing off; the jitter spreads a crowd of clients.
      const wait = Math.min(30_000, 200 * 2 ** (this.failures - 1)) * (0.5 + Math.random());
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
    link.textContent = msg("script-new-posts", { count: fresh.size });
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

// The header's unread count follows the notifications pushed on the live stream.
function watchNotifications(link) {
  const holder = link.querySelector("[data-unread]");
  const badge = holder.querySelector(".badge");
  const show = (unread) => {
    badge.textContent = unread >= 100 ? "99+" : String(unread);
    holder.dataset.unread = String(unread);
    holder.hidden = unread === 0;
  };
  live.on("notification", async (notification) => {
    if (notification.unread !== undefined) return show(Number(notification.unread) || 0);
    // Notifications sent to many people at once carry no count: ask for it.
    const response = await fetch("/api/hearth/v1/notifications?limit=1", { credentials: "same-origin" });
    if (response.ok) show(Number((await response.json()).unread) || 0);
  });
}
for (const link of document.querySelectorAll("a[data-notifications]")) watchNotifications(link);

// ---------------------------------------------------------------------------------
// Suggestions while typing, in every composer (textarea[data-suggest]): "@ab" offers
// colleagues, "#ab" topics already in use. The textarea becomes an ARIA 1.2 combobox
// with list autocomplete and manual selection: ArrowDown and ArrowUp move through
// the list, Enter or Tab insert the chosen "@handle " or "#tag ", Escape closes it,
// and a click or tap inserts too. Enter with nothing chosen keeps its usual meaning
// (a new line, or sending a chat message). A polite status says how many
// suggestions there are. Without the script the textarea is a plain textarea.
// ARIA in HTML lists no role but textbox for a textarea (axe notes a minor
// aria-allowed-role), but only the combobox role carries aria-expanded, which tells a
// screen reader that a list is open and where it is.
// ---------------------------------------------------------------------------------

const SUGGEST_WAIT_MS = 150;
const SUGGEST_LIMIT = 8;
// A sigil standing on its own (as domain::markdown reads mentions and hashtags),
// then what was typed after it, up to the caret.
const SUGGEST_TOKEN = /(?:^|[^\p{L}\p{N}_&])([@#])([\p{L}\p{N}_]{1,64})$/u;
const countFormat = new Intl.NumberFormat(language);
let suggestBoxes = 0;

function suggestIn(textarea) {
  const host = textarea.parentElement;
  suggestBoxes += 1;
  const listbox = document.createElement("ul");
  listbox.id = `suggestions-${suggestBoxes}`;
  listbox.className = "suggestions";
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", msg("script-suggestions-label"));
  listbox.hidden = true;
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  host.classList.add("suggest-host");
  textarea.after(listbox, status);
  textarea.setAttribute("role", "combobox");
  textarea.setAttribute("aria-autocomplete", "list");
  textarea.setAttribute("aria-controls", listbox.id);
  textarea.setAttribute("aria-expanded", "false");

  let token = null; // { sigil, text, start, end } of what is being completed
  let options = []; // [{ insert, element }]
  let active = -1;
  let timer = null;
  let pending = null;

  function announce(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  function close() {
    clearTimeout(timer);
    pending?.abort();
    pending = null;
    token = null;
    options = [];
    active = -1;
    listbox.hidden = true;
    listbox.replaceChildren();
    textarea.setAttribute("aria-expanded", "false");
    textarea.removeAttribute("aria-activedescendant");
  }

  function activate(index) {
    active = index;
    options.forEach((option, i) => option.element.setAttribute("aria-selected", String(i === index)));
    const chosen = options[index]?.element;
    if (chosen) {
      textarea.setAttribute("aria-activedescendant", chosen.id);
      chosen.scrollIntoView({ block: "nearest" });
    } else {
      textarea.removeAttribute("aria-activedescendant");
    }
  }

  // Below the textarea, or above it where there is more room (the chat composer sits
  // at the bottom of the screen).
  function place() {
    listbox.style.left = `${textarea.offsetLeft}px`;
    listbox.style.width = `${textarea.offsetWidth}px`;
    const rect = textarea.getBoundingClientRect();
    const below = window.innerHeight - rect.bottom;
    const above = rect.top;
    const height = listbox.offsetHeight;
    const top = height > below && above > below
      ? textarea.offsetTop - height - 4
      : textarea.offsetTop + textarea.offsetHeight + 4;
    listbox.style.top = `${top}px`;
  }

  function option(id, main, extra) {
    const li = document.createElement("li");
    li.id = `${listbox.id}-${id}`;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    const name = document.createElement("span");
    name.className = "suggestion-name";
    name.textContent = main;
    li.append(name);
    if (extra) {
      const more = document.createElement("span");
      more.className = "suggestion-extra";
      more.textContent = extra;
      li.append(more);
    }
    return li;
  }

  function show(found) {
    listbox.replaceChildren();
    options = found.map((item, i) => {
      const element = token.sigil === "@"
        ? option(i, item.display_name, [`@${item.handle}`, item.job_title, item.department].filter(Boolean).join(" · "))
        : option(i, `#${item.tag}`, countFormat.format(item.count));
      listbox.append(element);
      return { insert: token.sigil === "@" ? `@${item.handle}` : `#${item.tag}`, element };
    });
    active = -1;
    textarea.removeAttribute("aria-activedescendant");
    if (options.length === 0) {
      listbox.hidden = true;
      textarea.setAttribute("aria-expanded", "false");
      announce(msg("script-no-suggestions"));
      return;
    }
    listbox.hidden = false;
    textarea.setAttribute("aria-expanded", "true");
    place();
    announce(msg("script-suggestions", { count: options.length }));
  }

  async function fetchFor(wanted) {
    pending?.abort();
    const controller = new AbortController();
    pending = controller;
    const path = wanted.sigil === "@" ? "people" : "topics";
    const query = new URLSearchParams({ q: wanted.text, limit: String(SUGGEST_LIMIT) });
    try {
      const response = await fetch(`/api/hearth/v1/${path}/suggest?${query}`, {
        credentials: "same-origin",
        signal: controller.signal,
      });
      if (!response.ok) return close();
      const answer = await response.json();
      // Only the answer for what is typed now counts.
      if (pending !== controller || token?.text !== wanted.text || token?.sigil !== wanted.sigil) return;
      pending = null;
      show((wanted.sigil === "@" ? answer.people : answer.topics) ?? []);
    } catch {
      // Aborted for newer typing, or offline: plain typing goes on.
    }
  }

  // Typing (`opening`) asks for suggestions for the word before the caret; moving
  // the caret only closes the list when it leaves that word.
  function follow(opening) {
    const caret = textarea.selectionStart;
    if (caret !== textarea.selectionEnd) return close();
    const found = SUGGEST_TOKEN.exec(textarea.value.slice(0, caret));
    if (!found) return close();
    const [, sigil, text] = found;
    const same = token && token.sigil === sigil && token.text === text;
    if (!same && !opening) return close();
    token = { sigil, text, start: caret - text.length - 1, end: caret };
    if (same) return;
    clearTimeout(timer);
    timer = setTimeout(() => fetchFor(token), SUGGEST_WAIT_MS);
  }

  function choose(index) {
    const chosen = options[index];
    if (!chosen || !token) return;
    const { start, end } = token;
    const after = textarea.value.slice(end).replace(/^[\p{L}\p{N}_]*/u, "");
    const inserted = `${chosen.insert} `;
    textarea.value = textarea.value.slice(0, start) + inserted + after.replace(/^ /, "");
    const caret = start + inserted.length;
    textarea.setSelectionRange(caret, caret);
    close();
    announce("");
    textarea.focus();
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  textarea.addEventListener("input", () => follow(true));
  textarea.addEventListener("click", () => follow(false));
  textarea.addEventListener("blur", () => setTimeout(() => {
    if (document.activeElement !== textarea) close();
  }, 0));
  textarea.addEventListener("keyup", (event) => {
    if (["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"].includes(event.key)) {
      follow(false);
    }
  });
  // Registered as a capture listener so it runs before the chat composer's Enter.
  textarea.addEventListener("keydown", (event) => {
    if (event.isComposing || listbox.hidden || options.length === 0) return;
    const consume = () => {
      event.preventDefault();
      event.stopImmediatePropagation();
    };
    if (event.key === "ArrowDown") {
      consume();
      activate((active + 1) % options.length);
    } else if (event.key === "ArrowUp") {
      consume();
      activate(active <= 0 ? options.length - 1 : active - 1);
    } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0 && !event.shiftKey) {
      consume();
      choose(active);
    } else if (event.key === "Escape") {
      consume();
      close();
    } else if (event.key === "Enter" || event.key === "Tab") {
      close();
    }
  }, { capture: true });
  // Keep focus in the textarea while an option is pressed, then insert it.
  listbox.addEventListener("pointerdown", (event) => event.preventDefault());
  listbox.addEventListener("click", (event) => {
    const element = event.target.closest?.('[role="option"]');
    const index = options.findIndex((o) => o.element === element);
    if (index >= 0) choose(index);
  });
}

// Every composer of the page, those swapped in later (a reply form refreshed in
// place), and, should one be missed, any when it first gets focus.
function suggestInComposer(textarea) {
  if (!(textarea instanceof HTMLTextAreaElement) || !textarea.matches("[data-suggest]")) return;
  if (textarea.dataset.suggestReady) return;
  textarea.dataset.suggestReady = "true";
  suggestIn(textarea);
}
function suggestInComposers(root) {
  for (const textarea of root.querySelectorAll("textarea[data-suggest]")) suggestInComposer(textarea);
}
document.addEventListener("focusin", (event) => suggestInComposer(event.target));
suggestInComposers(document);

// ---------------------------------------------------------------------------------
// Files. Without the script a composer sends its files with the form. With it, a
// file picked, dropped or pasted into a composer is uploaded at once (with progress),
// shown as a chip with a Remove button and, for an image, an alt text field saved as
// it changes; the form then names the uploads (attachments=<id>) and sends no bytes.
// ---------------------------------------------------------------------------------

// "2.4 MB", in the reader's way of writing numbers.
function humanSize(bytes) {
  const units = ["KB", "MB", "GB", "TB"];
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = units[0];
  for (const next of units.slice(1)) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  const digits = value < 10 ? 1 : 0;
  const number = new Intl.NumberFormat(language, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${number.format(value)} ${unit}`;
}

// Markup as in pages/attachments.rs `shown`, for files that arrive live. Every text
// goes in as text.
function renderAttachments(files) {
  const box = document.createElement("div");
  box.className = "attachments";
  const images = files.filter((f) => f.width && f.height);
  const others = files.filter((f) => !(f.width && f.height));
  if (images.length) {
    const gallery = document.createElement("ul");
    gallery.className = images.length === 1 ? "gallery single" : "gallery";
    const variant = images.length === 1 ? "large" : "small";
    const bound = images.length === 1 ? 1280 : 320;
    for (const image of images) {
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.href = `/files/${encodeURIComponent(image.id)}/original`;
      const img = document.createElement("img");
      img.src = `/files/${encodeURIComponent(image.id)}/${variant}`;
      img.alt = image.alt_text ?? "";
      const scale = Math.min(1, bound / Math.max(image.width, image.height));
      img.width = Math.max(1, Math.round(image.width * scale));
      img.height = Math.max(1, Math.round(image.height * scale));
      img.loading = "lazy";
      link.append(img);
      if (!image.alt_text) {
        const named = document.createElement("span");
        named.className = "visually-hidden";
        named.textContent = msg("attachments-image-named", { name: image.name });
        link.append(named);
      }
      li.append(link);
      gallery.append(li);
    }
    box.append(gallery);
  }
  for (const file of others) {
    const url = `/files/${encodeURIComponent(file.id)}/original`;
    const card = document.createElement("div");
    card.className = "file-card";
    const icon = document.createElement("span");
    icon.className = "file-icon";
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = "📄";
    const about = document.createElement("span");
    about.className = "file-about";
    const name = document.createElement("a");
    name.className = "file-name";
    name.href = url;
    name.download = file.name;
    name.textContent = file.name;
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = `${humanSize(file.size)} · ${file.content_type}`;
    about.append(name, meta);
    const download = document.createElement("a");
    download.className = "file-download";
    download.href = url;
    download.download = file.name;
    download.setAttribute("aria-label", msg("attachments-download-named", { name: file.name }));
    download.textContent = msg("attachments-download");
    card.append(icon, about, download);
    box.append(card);
  }
  return box;
}

// The ids a composer's chips name; chips still uploading name none.
function attachedIds(form) {
  return [...form.querySelectorAll('input[name="attachments"]')].map((input) => input.value);
}

function clearAttachments(form) {
  form.querySelector("[data-chips]")?.replaceChildren();
}

let chipCount = 0;

function enhanceAttach(box) {
  const form = box.closest("form");
  const input = box.querySelector("[data-attach-input]");
  const chips = box.querySelector("[data-chips]");
  const status = box.querySelector("[data-attach-status]");
  if (!form || !input || !chips || !status || box.dataset.enhanced) return;
  box.dataset.enhanced = "true";
  const csrf = form.querySelector('input[name="csrf"]')?.value ?? "";
  // The files go up one by one as they are chosen, never again with the form; each
  // image gets its own description on its chip.
  input.removeAttribute("name");
  const alt = box.querySelector("[data-attach-alt]");
  if (alt) {
    alt.hidden = true;
    alt.querySelector("input")?.removeAttribute("name");
  }

  function say(text, failed = false) {
    status.textContent = text;
    status.classList.toggle("failed", failed);
  }

  function remove(chip, name) {
    chip.remove();
    say(msg("script-attach-removed", { name }));
    input.focus();
  }

  function saveAlt(id, field) {
    fetch(`/api/hearth/v1/uploads/${encodeURIComponent(id)}`, {
      method: "PATCH",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf, "Content-Type": "application/json" },
      body: JSON.stringify({ alt_text: field.value }),
    })
      .then(async (response) => {
        if (response.ok) return;
        const answer = await response.json().catch(() => null);
        say(asSentence(answer?.error?.message), true);
      })
      .catch(() => say(msg("script-did-not-work"), true));
  }

  function uploaded(chip, upload) {
    chip.replaceChildren();
    chip.dataset.upload = upload.id;
    const hidden = document.createElement("input");
    hidden.type = "hidden";
    hidden.name = "attachments";
    hidden.value = upload.id;
    chip.append(hidden);
    const image = Boolean(upload.width && upload.height);
    if (image) {
      const thumb = document.createElement("img");
      const small = upload.urls?.find((u) => u.variant === "small") ?? upload.urls?.[0];
      thumb.src = small?.url ?? `/files/${encodeURIComponent(upload.id)}/small`;
      thumb.alt = "";
      chip.append(thumb);
    }
    const name = document.createElement("span");
    name.className = "chip-name";
    name.textContent = upload.name;
    chip.append(name);
    if (image) {
      chipCount += 1;
      const label = document.createElement("label");
      label.className = "visually-hidden";
      label.htmlFor = `attach-alt-${chipCount}`;
      label.textContent = msg("script-attach-alt");
      const field = document.createElement("input");
      field.type = "text";
      field.id = label.htmlFor;
      field.maxLength = 1000;
      field.placeholder = msg("script-attach-alt-placeholder");
      field.value = upload.alt_text ?? "";
      field.dataset.altFor = upload.id;
      field.addEventListener("change", () => saveAlt(upload.id, field));
      chip.append(label, field);
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "quiet";
    button.textContent = msg("script-attach-remove");
    button.setAttribute("aria-label", msg("script-attach-remove-named", { name: upload.name }));
    button.addEventListener("click", () => remove(chip, upload.name));
    chip.append(button);
    say(msg("script-attach-uploaded", { name: upload.name }));
  }

  function upload(file) {
    const name = file.name || "file";
    const chip = document.createElement("li");
    chip.className = "chip";
    const label = document.createElement("span");
    label.className = "chip-name";
    label.textContent = name;
    const progress = document.createElement("progress");
    progress.max = 100;
    progress.value = 0;
    progress.setAttribute("aria-label", msg("script-attach-uploading", { name }));
    chip.append(label, progress);
    chips.append(chip);
    say(msg("script-attach-uploading", { name }));

    const body = new FormData();
    body.append("purpose", "attachment");
    body.append("file", file, name);
    const request = new XMLHttpRequest();
    request.open("POST", "/api/hearth/v1/uploads");
    request.setRequestHeader("X-CSRF-Token", csrf);
    request.responseType = "json";
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) progress.value = Math.round((event.loaded / event.total) * 100);
    });
    const failed = (reason) => {
      chip.remove();
      say(msg("script-attach-failed", { name, reason }), true);
    };
    request.addEventListener("load", () => {
      if (request.status === 201 && request.response) {
        uploaded(chip, request.response);
      } else if (request.status === 413 && !request.response?.error?.message) {
        chip.remove();
        say(msg("script-attach-too-large", { name }), true);
      } else {
        failed(asSentence(request.response?.error?.message));
      }
    });
    request.addEventListener("error", () => failed(msg("script-did-not-work")));
    request.send(body);
  }

  function take(files) {
    for (const file of files) upload(file);
  }

  input.addEventListener("change", () => {
    take([...input.files]);
    // Sent already: the form must not carry the bytes a second time.
    input.value = "";
  });
  form.addEventListener("dragover", (event) => {
    if (![...(event.dataTransfer?.types ?? [])].includes("Files")) return;
    event.preventDefault();
    form.classList.add("dragging");
  });
  form.addEventListener("dragleave", () => form.classList.remove("dragging"));
  form.addEventListener("drop", (event) => {
    const files = [...(event.dataTransfer?.files ?? [])];
    form.classList.remove("dragging");
    if (!files.length) return;
    event.preventDefault();
    take(files);
  });
  // A pasted screenshot arrives as a file; pasted text is left to the text field.
  form.addEventListener("paste", (event) => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (!files.length) return;
    event.preventDefault();
    take(files);
  });
}

function enhanceAttachIn(root) {
  for (const box of root.querySelectorAll("[data-attach]")) enhanceAttach(box);
}
enhanceAttachIn(document);

// ---------------------------------------------------------------------------------
// Chat (/chat and /chat/{id}). Without the script the pages work by forms and
// reloads; with it, a conversation shows new, edited and deleted messages as they
// happen, says who is typing, sends the composer in the background (through the
// JSON API, with the page's CSRF token) and keeps the read marker current; the list
// of conversations refreshes itself when something changes.
// ---------------------------------------------------------------------------------

const chatApi = {
  csrf: document.querySelector('form input[name="csrf"]')?.value ?? "",
  // Set once the session has ended (stream closed with 4001, or an API call answered
  // 401): from then on nothing is sent in the background any more.
  stopped: false,
  async post(path, body) {
    if (this.stopped) return null;
    const init = {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": this.csrf },
    };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(`/api/hearth/v1${path}`, init);
    if (response.status === 401) this.stopped = true;
    return response;
  },
};

// Notes when the stream closes for good because the person signed out, on the first
// connection and on every reconnection.
const chatConnect = live.connect;
live.connect = function connectAndWatch() {
  chatConnect.call(this);
  const socket = this.socket;
  if (socket && !socket.chatWatched) {
    socket.chatWatched = true;
    socket.addEventListener("close", (closed) => {
      if (closed.code === 4001) chatApi.stopped = true;
    });
  }
};

function chatListen(kind, listener) {
  live.on(kind, (data) => {
    if (!chatApi.stopped) listener(data);
  });
}

// "the body must not be empty" → "The body must not be empty."
function asSentence(text) {
  const trimmed = String(text ?? "").trim();
  if (!trimmed) return msg("script-did-not-work");
  const upper = trimmed[0].toUpperCase() + trimmed.slice(1);
  return upper.endsWith(".") ? upper : `${upper}.`;
}

// The same as the server's parts::avatar: the photo (decorative, the name is beside
// it), or initials on a disc whose colour comes from the id.
function chatAvatar(name, id, photoUrl) {
  if (photoUrl) {
    const img = document.createElement("img");
    img.className = "avatar photo medium";
    img.src = photoUrl.replace(/\/avatar$/, "/avatar_small");
    img.width = 40;
    img.height = 40;
    img.alt = "";
    return img;
  }
  const span = document.createElement("span");
  const hue = ((BigInt(id) % 8n) + 8n) % 8n;
  span.className = `avatar medium hue-${hue}`;
  span.setAttribute("aria-hidden", "true");
  span.textContent = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => [...word][0].toUpperCase())
    .join("");
  return span;
}

const CONTINUED_WITHIN_MS = 5 * 60_000;

function watchConversation(chat) {
  const id = chat.dataset.chat;
  const me = chat.dataset.me;
  const list = chat.querySelector("[data-messages]");
  const typingStatus = chat.querySelector("[data-typing]");
  const composer = chat.querySelector("form[data-chat-composer]");
  const textarea = composer?.querySelector("textarea");
  let members = JSON.parse(chat.dataset.members || "{}");
  const latest = chat.dataset.latest === "true";

  // Markup as in pages/chat.rs `message_item`. Only body_html, sanitized by the
  // server, is inserted as HTML; every other text goes in as text.
  function render(message) {
    const li = document.createElement("li");
    li.className = "message";
    li.id = `message-${message.id}`;
    li.dataset.message = message.id;
    li.dataset.author = message.author.id;
    li.dataset.at = String(Date.parse(message.created_at));
    const mine = message.author.id === me;
    if (mine) li.classList.add("mine");
    const previous = list.lastElementChild;
    if (
      previous &&
      previous.dataset.author === message.author.id &&
      Number(li.dataset.at) - Number(previous.dataset.at) < CONTINUED_WITHIN_MS
    ) {
      li.classList.add("continued");
    }
    li.append(
      chatAvatar(message.author.display_name, message.author.id, message.author.photo_url),
    );

    const main = document.createElement("div");
    main.className = "message-main";
    const meta = document.createElement("p");
    meta.className = "message-meta";
    meta.id = `message-${message.id}-by`;
    const author = document.createElement("a");
    author.className = "author";
    author.href = `/people/${encodeURIComponent(message.author.handle)}`;
    author.textContent = message.author.display_name;
    const permalink = document.createElement("a");
    permalink.className = "permalink";
    permalink.href = `#message-${message.id}`;
    const time = document.createElement("time");
    time.setAttribute("datetime", message.created_at);
    time.textContent = msg("script-just-now");
    permalink.append(time);
    meta.append(author);
    if (message.author.guest) {
      const badge = document.createElement("span");
      badge.className = "badge guest";
      badge.textContent = msg("script-guest");
      meta.append(badge);
    }
    meta.append(" ", permalink);
    main.append(meta);

    const body = document.createElement("div");
    body.className = "message-body";
    body.innerHTML = message.body_html; // sanitized by the server (domain::markdown)
    main.append(body);
    if (message.attachments?.length) main.append(renderAttachments(message.attachments));

    if (mine) {
      const tools = document.createElement("div");
      tools.className = "message-tools";
      const edit = document.createElement("a");
      edit.href = `/chat/${id}/messages/${message.id}/edit`;
      edit.setAttribute("aria-describedby", meta.id);
      edit.textContent = msg("script-edit");
      const form = document.createElement("form");
      form.method = "post";
      form.action = `/chat/${id}/messages/${message.id}/delete`;
      form.dataset.confirm = msg("script-delete-confirm");
      const csrf = document.createElement("input");
      csrf.type = "hidden";
      csrf.name = "csrf";
      csrf.value = chatApi.csrf;
      const button = document.createElement("button");
      button.type = "submit";
      button.className = "link danger";
      button.setAttribute("aria-describedby", meta.id);
      button.textContent = msg("script-delete");
      form.append(csrf, button);
      tools.append(edit, form);
      main.append(tools);
    }
    li.append(main);
    localizeTimes(li);
    return li;
  }

  function add(message) {
    if (document.getElementById(`message-${message.id}`)) return false;
    chat.querySelector(".chat-history > .empty")?.remove();
    // Ids grow with time: a late arrival goes before any newer message shown.
    const newer = [...list.children].find((li) => BigInt(li.dataset.message) > BigInt(message.id));
    const element = render(message);
    if (newer) newer.before(element);
    else list.append(element);
    return true;
  }

  function markEdited(message) {
    const li = document.getElementById(`message-${message.id}`);
    const body = li?.querySelector(".message-body");
    if (!body || li.classList.contains("deleted")) return;
    body.innerHTML = message.body_html; // sanitized by the server
    const meta = li.querySelector(".message-meta");
    if (!meta.querySelector(".edited")) {
      const edited = document.createElement("span");
      edited.className = "edited";
      edited.textContent = msg("script-edited");
      meta.append(edited);
    }
  }

  function markDeleted(messageId) {
    const li = document.getElementById(`message-${messageId}`);
    if (!li) return;
    li.classList.add("deleted");
    li.querySelector(".edited")?.remove();
    li.querySelector(".message-tools")?.remove();
    const gone = document.createElement("p");
    gone.className = "message-body gone";
    gone.textContent = msg("script-deleted");
    li.querySelector(".message-body")?.replaceWith(gone);
  }

  // The read marker follows what arrives while the page is in view.
  let unreadUpTo = null;
  let readTimer = null;
  function readSoon(messageId) {
    if (!unreadUpTo || BigInt(messageId) > BigInt(unreadUpTo)) unreadUpTo = messageId;
    if (document.visibilityState !== "visible") return;
    clearTimeout(readTimer);
    readTimer = setTimeout(() => {
      const upTo = unreadUpTo;
      unreadUpTo = null;
      chatApi.post(`/conversations/${id}/read`, { up_to: upTo }).catch(() => {});
    }, 500);
  }
  document.addEventListener("visibilitychange", () => {
    if (unreadUpTo) readSoon(unreadUpTo);
  });

  // "Bea Costa is typing…": each signal lasts four seconds.
  const typing = new Map();
  function showTyping() {
    const names = [...typing.keys()].map((userId) => members[userId] ?? msg("script-someone"));
    let text = "";
    if (names.length === 1) text = msg("script-typing-one", { name: names[0] });
    else if (names.length === 2) text = msg("script-typing-two", { first: names[0], second: names[1] });
    else if (names.length > 2) text = msg("script-typing-several");
    if (typingStatus && typingStatus.textContent !== text) typingStatus.textContent = text;
  }
  function stopTyping(userId) {
    clearTimeout(typing.get(userId));
    typing.delete(userId);
    showTyping();
  }

  chatListen("message.created", (data) => {
    if (data.conversation_id !== id || !latest) return;
    stopTyping(data.message.author.id);
    if (add(data.message) && data.message.author.id !== me) readSoon(data.message.id);
  });
  chatListen("message.edited", (data) => {
    if (data.conversation_id === id) markEdited(data.message);
  });
  chatListen("message.deleted", (data) => {
    if (data.conversation_id === id) markDeleted(data.message_id);
  });
  chatListen("typing", (data) => {
    if (data.conversation_id !== id || data.user_id === me) return;
    clearTimeout(typing.get(data.user_id));
    typing.set(data.user_id, setTimeout(() => stopTyping(data.user_id), 4000));
    showTyping();
  });
  chatListen("conversation.removed", (data) => {
    if (data.conversation_id === id) location.assign("/chat");
  });
  chatListen("conversation.updated", async (data) => {
    if (data.conversation_id !== id) return;
    try {
      const fresh = await fetchDocument(location.pathname + location.search);
      const head = fresh.querySelector("[data-chat-head]");
      const section = fresh.querySelector("[data-chat]");
      if (head) chat.querySelector("[data-chat-head]")?.replaceWith(head);
      if (section) members = JSON.parse(section.dataset.members || "{}");
    } catch {
      // The header stays as it was until the next visit.
    }
  });

  if (!composer || !textarea) return;

  // Enter sends; Shift+Enter (or composing with an input method) starts a new line.
  const hint = composer.querySelector("[data-enter-hint]");
  if (hint) {
    hint.id = "chat-enter-hint";
    hint.hidden = false;
    textarea.setAttribute("aria-describedby", hint.id);
  }
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });

  // Tells the others at most every three seconds while typing.
  let typingSentAt = 0;
  textarea.addEventListener("input", () => {
    const now = Date.now();
    if (!textarea.value.trim() || now - typingSentAt < 3000) return;
    typingSentAt = now;
    chatApi.post(`/conversations/${id}/typing`).catch(() => {});
  });

  composer.addEventListener("submit", async (event) => {
    // Signed out: the ordinary form leads to the sign-in page, draft kept by Back.
    if (chatApi.stopped) return;
    event.preventDefault();
    const text = textarea.value;
    const attachments = attachedIds(composer);
    if (!text.trim() && !attachments.length) return;
    const button = composer.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    let response;
    try {
      response = await chatApi.post(`/conversations/${id}/messages`, { body: text, attachments });
    } catch {
      // Not sent: the form goes the ordinary way.
      composer.submit();
      return;
    } finally {
      if (button) button.disabled = false;
    }
    if (!response || response.status === 401) {
      composer.submit();
      return;
    }
    if (!response.ok) {
      const answer = await response.json().catch(() => null);
      showProblem(composer, asSentence(answer?.error?.message));
      textarea.focus();
      return;
    }
    const message = await response.json();
    composer.querySelector(".problem")?.remove();
    textarea.value = "";
    clearAttachments(composer);
    typingSentAt = 0;
    if (latest) {
      add(message);
      document.getElementById(`message-${message.id}`)?.scrollIntoView({ block: "nearest" });
    } else {
      location.assign(`/chat/${id}#message-${message.id}`);
      return;
    }
    textarea.focus();
  });
}

// The list of conversations: refreshed in place (never while someone uses it) when
// a message arrives, a conversation changes, or another device reads one.
function watchConversationList() {
  let timer = null;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        const fresh = await fetchDocument(location.pathname + location.search);
        const replacement = fresh.querySelector("[data-conversations]");
        const current = document.querySelector("[data-conversations]");
        if (!replacement || !current) return;
        if (current.contains(document.activeElement) && document.activeElement !== document.body) {
          // Keep focus on the same conversation's link after the swap.
          const href = document.activeElement.getAttribute("href");
          current.replaceWith(replacement);
          if (href) replacement.querySelector(`a[href="${CSS.escape(href)}"]`)?.focus();
        } else {
          current.replaceWith(replacement);
        }
        localizeTimes(replacement);
      } catch {
        // The list stays as it was; a reload shows the news.
      }
    }, 300);
  };
  for (const kind of ["message.created", "message.deleted", "conversation.updated", "conversation.removed", "conversation.read"]) {
    chatListen(kind, refresh);
  }
}

// Polls follow their votes live: on `poll.updated` every copy of a poll on the page
// is fetched again, alone (`/posts/{id}/poll`), as this reader may see it. At most
// once a second per poll, a random moment later so that a crowd of readers does not
// ask at once, and never while the reader is in the middle of choosing.
function watchPolls() {
  const due = new Map();
  const refresh = async (id) => {
    const copies = [...document.querySelectorAll(`[data-poll="${CSS.escape(id)}"]`)];
    if (copies.length === 0) return;
    const busy = copies.find((copy) => copy.contains(document.activeElement));
    if (busy) {
      busy.addEventListener("focusout", () => setTimeout(() => refresh(id), 0), { once: true });
      return;
    }
    try {
      const fresh = await fetchDocument(copies[0].dataset.source);
      const replacement = fresh.querySelector(`[data-poll="${CSS.escape(id)}"]`);
      if (!replacement) return;
      for (const copy of copies) {
        const again = replacement.cloneNode(true);
        copy.replaceWith(again);
        localizeTimes(again);
      }
    } catch {
      // The poll stays as it was; a reload shows the news.
    }
  };
  live.on("poll.updated", (update) => {
    const id = update.post_id;
    if (!document.querySelector(`[data-poll="${CSS.escape(id)}"]`) || due.has(id)) return;
    due.set(id, setTimeout(() => {
      due.delete(id);
      refresh(id);
    }, 1000 + Math.random() * 1500));
  });
}

if (document.querySelector("[data-poll]")) watchPolls();

for (const chat of document.querySelectorAll("[data-chat]")) watchConversation(chat);
if (document.querySelector("[data-conversations]")) watchConversationList();

// "/" puts the cursor in the header's search field, as in most web apps, unless
// the reader is already typing somewhere.
const searchField = document.querySelector("[data-search-shortcut]");
if (searchField) {
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || target.closest("input, textarea, select"))) return;
    event.preventDefault();
    searchField.focus();
    searchField.select();
  });
}

// The article editor saves as the author types: a second after they stop, the form
// goes in the background with action=autosave, and says so quietly. Each save
// answers the article's new revision, which the next save (and the buttons) send
// back, so a late save never undoes a newer one.
function autosaveArticle(form) {
  const status = form.querySelector("[data-autosave-status]");
  const revision = form.querySelector('input[name="revision"]');
  let timer = null;
  let pending = 0;
  let sending = Promise.resolve();
  const save = () => {
    timer = null;
    const data = new FormData(form);
    data.set("action", "autosave");
    pending += 1;
    sending = sending.then(async () => {
      data.set("revision", revision.value);
      try {
        // The attribute: form.action is the editor's buttons named "action".
        const response = await fetch(form.getAttribute("action"), {
          method: "POST",
          body: new URLSearchParams(data),
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          redirect: "manual",
        });
        if (response.status === 200) {
          revision.value = (await response.text()).trim();
          if (status) status.textContent = msg("script-article-saved");
        } else if (status) {
          status.textContent = msg("script-article-save-failed");
        }
      } catch {
        if (status) status.textContent = msg("script-article-save-failed");
      } finally {
        pending -= 1;
      }
    });
  };
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(save, 1000);
  });
  // A button waits for the save under way, then goes with the newest revision.
  form.addEventListener("submit", (event) => {
    if (event.defaultPrevented) return;
    clearTimeout(timer);
    timer = null;
    if (pending === 0) return;
    event.preventDefault();
    const submitter = event.submitter;
    sending.then(() => form.requestSubmit(submitter));
  });
}

for (const form of document.querySelectorAll('form[data-autosave="on"]')) autosaveArticle(form);

// Markdown shows these as typed (escaped as domain/src/markdown.rs escapes).
function markdownLabel(text) {
  return text.replace(/[\r\n]+/g, " ").replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

// Images and files of an article's body: each goes up as it is chosen and into the
// body where the cursor is, as the line the server would write for it
// (article::file_markdown), then the editor saves as after any typing.
function enhanceArticleFiles(box) {
  const form = box.closest("form");
  const input = box.querySelector("[data-article-files-input]");
  const alt = box.querySelector("[data-article-files-alt]");
  const status = box.querySelector("[data-article-files-status]");
  const body = form?.querySelector('textarea[name="body"]');
  if (!form || !input || !status || !body) return;
  const csrf = form.querySelector('input[name="csrf"]')?.value ?? "";
  // Never sent again with the form.
  input.removeAttribute("name");
  alt?.removeAttribute("name");
  const say = (text, failed = false) => {
    status.textContent = text;
    status.classList.toggle("failed", failed);
  };
  // Until the author puts the cursor somewhere, files go at the end.
  let placed = false;
  body.addEventListener("focus", () => {
    placed = true;
  });
  const insert = (line) => {
    const start = placed ? body.selectionStart : body.value.length;
    const end = placed ? body.selectionEnd : start;
    const before = body.value.slice(0, start);
    const after = body.value.slice(end);
    const lead = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    const tail = after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
    body.value = before + lead + line + tail + after;
    const caret = (before + lead + line).length;
    body.setSelectionRange(caret, caret);
    body.dispatchEvent(new Event("input", { bubbles: true }));
  };
  const upload = (file) => {
    const name = file.name || "file";
    const description = alt?.value.trim() ?? "";
    say(msg("script-attach-uploading", { name }));
    const data = new FormData();
    data.append("purpose", "attachment");
    if (description) data.append("alt_text", description);
    data.append("file", file, name);
    return fetch("/api/hearth/v1/uploads", {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRF-Token": csrf },
      body: data,
    })
      .then(async (response) => {
        const answer = await response.json().catch(() => null);
        if (response.status === 201 && answer) {
          const image = Boolean(answer.width && answer.height);
          const id = encodeURIComponent(answer.id);
          insert(image
            ? `![${markdownLabel(answer.alt_text || answer.name)}](/files/${id}/large)`
            : `[${markdownLabel(answer.name)}](/files/${id}/original)`);
          say(msg("script-article-file-inserted", { name }));
        } else if (response.status === 413 && !answer?.error?.message) {
          say(msg("script-attach-too-large", { name }), true);
        } else {
          say(msg("script-attach-failed", { name, reason: asSentence(answer?.error?.message) }), true);
        }
      })
      .catch(() => say(msg("script-attach-failed", { name, reason: msg("script-did-not-work") }), true));
  };
  // A button pressed while files go up waits for their lines to be written in.
  let uploading = Promise.resolve();
  let inFlight = 0;
  form.addEventListener("submit", (event) => {
    if (inFlight === 0 || event.defaultPrevented) return;
    event.preventDefault();
    const submitter = event.submitter;
    uploading.then(() => form.requestSubmit(submitter));
  });
  input.addEventListener("change", (event) => {
    // Not a change of the article's words: autosave waits for the file's line.
    event.stopPropagation();
    const files = [...input.files];
    input.value = "";
    inFlight += 1;
    uploading = uploading
      .then(async () => {
        for (const file of files) await upload(file);
        if (alt) alt.value = "";
      })
      .finally(() => {
        inFlight -= 1;
      });
  });
  input.addEventListener("input", (event) => event.stopPropagation());
  alt?.addEventListener("input", (event) => event.stopPropagation());
}

for (const box of document.querySelectorAll("[data-article-files]")) enhanceArticleFiles(box);

// An article counts as read once its page was open and visible for a few seconds.
const readable = document.querySelector("[data-article][data-read-after]:not([data-read-after=''])");
if (readable) {
  let left = Number(readable.dataset.readAfter) * 1000;
  let started = document.visibilityState === "visible" ? Date.now() : null;
  let timer = null;
  const send = () => {
    const csrf = document.querySelector('form input[name="csrf"]')?.value ?? "";
    fetch(`/articles/${readable.dataset.article}/read`, {
      method: "POST",
      body: new URLSearchParams({ csrf }),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }).catch(() => {});
  };
  const arm = () => {
    started = Date.now();
    timer = setTimeout(send, left);
  };
  if (started !== null) arm();
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") {
      if (left > 0 && timer === null) arm();
    } else if (timer !== null) {
      clearTimeout(timer);
      timer = null;
      left -= Date.now() - started;
    }
  });
}

// A page framed in an intranet page (see /embed.js): it tells the intranet page its
// height, so the frame fits it, and signs in through a window of Hearth's own,
// whose fresh session comes back by message from Hearth itself.
if (document.body.dataset.embedded !== undefined) {
  if (window.parent !== window) {
    // The content's own height, which may shrink (scrollHeight never goes below the frame's).
    const report = () =>
      window.parent.postMessage(
        { hearth: "height", height: Math.ceil(document.documentElement.getBoundingClientRect().height) },
        "*",
      );
    new ResizeObserver(report).observe(document.body);
    report();
  }
  let signInWindow = null;
  for (const link of document.querySelectorAll("[data-embed-sign-in]")) {
    link.addEventListener("click", (event) => {
      signInWindow = window.open(link.href, "hearth-sign-in", "popup,width=520,height=680");
      if (signInWindow) event.preventDefault();
    });
  }
  window.addEventListener("message", (event) => {
    if (event.source !== signInWindow || event.origin !== location.origin) return;
    if (event.data?.hearth !== "signed-in") return;
    fetch("/embed/session", {
      method: "POST",
      body: new URLSearchParams({ ticket: String(event.data.ticket) }),
    }).finally(() => location.reload());
  });
}

// The sign-in window of a framed page: hand the new session to the frame that opened
// it, which is Hearth's own page (the message goes to no other origin), and close.
const embedTicket = document.querySelector("[data-embed-ticket]");
if (embedTicket && window.opener) {
  window.opener.postMessage({ hearth: "signed-in", ticket: embedTicket.dataset.embedTicket }, location.origin);
  window.close();
}

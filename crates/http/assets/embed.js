// Hearth's script for intranet pages that embed it. It sizes each Hearth frame to
// its content, and points a comments frame at this page: its canonical address (or
// its own) and its title.
//
//   <iframe data-hearth-embed src="https://hearth.example.com/embed/communities/3"
//           title="Engineering on Hearth" style="width:100%;border:0"></iframe>
//   <iframe data-hearth-comments title="Comments" style="width:100%;border:0"></iframe>
//   <script src="https://hearth.example.com/embed.js" async></script>
(() => {
  const hearth = new URL(document.currentScript.src).origin;
  const frames = () => document.querySelectorAll("iframe[data-hearth-embed], iframe[data-hearth-comments]");
  const start = () => {
    const page = document.querySelector('link[rel="canonical"]')?.href || location.href;
    for (const frame of document.querySelectorAll("iframe[data-hearth-comments]:not([src])")) {
      const query = new URLSearchParams({ url: page, title: document.title });
      frame.src = `${hearth}/embed/comments?${query}`;
    }
  };
  window.addEventListener("message", (event) => {
    if (event.origin !== hearth || event.data?.hearth !== "height") return;
    for (const frame of frames()) {
      if (frame.contentWindow === event.source) {
        frame.style.height = `${Math.ceil(Number(event.data.height) || 0)}px`;
      }
    }
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

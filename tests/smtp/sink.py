"""A real SMTP server for Hearth's e-mail tests: accepts every message and writes
each one, as received, to a JSON file in a folder, so a test can read recipients,
headers and bodies.

    sink.py --port 2525 --dir /tmp/mails [--delay-ms 50] [--refuse someone@example.com]
    sink.py --port 2525 --count-only

It prints "ready" on its first line once it listens. --delay-ms holds each reply that
long, so the crash test can kill Hearth while messages are in flight. --refuse
answers "550 no such mailbox" for that recipient, a permanent failure.

--count-only accepts every message without parsing or keeping it, and prints how many
it accepted when its standard input closes. `hearth bench digest` is measured with it,
so that the figure is Hearth's delivery, not this sink parsing each message and
writing it to a file on the same two cores.
"""

import argparse
import asyncio
import email
import email.policy
import itertools
import json
import os
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder, delay, refuse, count_only):
        self.folder = folder
        self.count_only = count_only
        self.accepted = 0
        self.delay = delay
        self.refuse = set(refuse)
        self.counter = itertools.count()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        self.accepted += 1
        if self.count_only:
            return "250 Message accepted for delivery"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        plain = message.get_body(("plain",))
        html = message.get_body(("html",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            # Unfolded and decoded, as a mail client shows them.
            "headers": [[name, str(value)] for name, value in message.items()],
            "content_type": message.get_content_type(),
            "text": plain.get_content() if plain is not None else None,
            "html": html.get_content() if html is not None else None,
            "data": envelope.content.decode("utf-8", errors="replace"),
        }
        name = "%06d-%d" % (next(self.counter), os.getpid())
        tmp = os.path.join(self.folder, name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as out:
            json.dump(record, out)
            out.flush()
            os.fsync(out.fileno())
        # The rename makes a message appear whole or not at all.
        os.rename(tmp, os.path.join(self.folder, name + ".json"))
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir")
    parser.add_argument("--count-only", action="store_true")
    parser.add_argument("--delay-ms", type=int, default=0)
    parser.add_argument("--refuse", action="append", default=[])
    args = parser.parse_args()
    if args.count_only == (args.dir is not None):
        parser.error("give either --dir or --count-only")
    if args.dir is not None:
        os.makedirs(args.dir, exist_ok=True)
    sink = Sink(args.dir, args.delay_ms / 1000.0, args.refuse, args.count_only)
    controller = Controller(sink, hostname="127.0.0.1", port=args.port)
    controller.start()
    print("ready", flush=True)
    try:
        # Runs until the test kills it or closes stdin.
        sys.stdin.read()
    finally:
        controller.stop()
        if args.count_only:
            print("accepted %d" % sink.accepted, flush=True)


if __name__ == "__main__":
    main()

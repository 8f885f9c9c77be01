// The plain records every mail source is parsed into. Pure data: no classes, no I/O.

import type { MessageSourceKind } from './source-formats.ts';

/** A mailbox as read from a From/To header. */
export interface Mailbox {
  /** Display name, decoded; empty when the header had none. */
  name: string;
  /** Address, de-obfuscated (`user at host` → `user@host`), lower-case host; empty when absent. */
  address: string;
}

/** When a message says it was sent: the exact instant plus the zone it was written in. */
export interface MailDate {
  /** The instant in UTC, ISO 8601 (`2009-08-10T20:48:28.000Z`). */
  utc: string;
  /** Offset of the written zone east of UTC in minutes (PDT → -420). */
  offsetMinutes: number;
  /** The zone as written (`PDT`, `-0700`). */
  zone: string;
  /** The date text exactly as it appeared. */
  raw: string;
}

/** An attachment listed by name and type (its bytes are not kept). */
export interface AttachmentInfo {
  /** File name as given by the sender (untrusted text). */
  filename: string;
  /** MIME type, lower-case. */
  mimeType: string;
  /** Size of the decoded content in bytes. */
  size: number;
  /** Decoded text for text-like attachments such as patches; absent for binary ones. */
  text?: string;
  /** Characters of `text` left out of the page because the attachment is huge (see lib/mail/pagination.ts). */
  textFolded?: number;
}

/** Which archive a message came from and where in it. */
export interface MessageSource {
  /** Source format (lib/mail/source-formats.ts). */
  kind: MessageSourceKind;
  /** File (or repository) path relative to the thread folder or as given on the command line. */
  file: string;
  /** Position of the message inside the source (0-based), for multi-message sources. */
  index?: number;
}

/** One parsed message: what importers produce and pages render. */
export interface ParsedMessage {
  /** Message-ID without angle brackets. */
  messageId: string;
  /** True when the source had no Message-ID and one was derived (the rule: deriveMessageId in ids.ts). */
  messageIdDerived: boolean;
  /** Subject with the list tag and nothing else removed. */
  subject: string;
  /** Subject exactly as written (decoded). */
  rawSubject: string;
  /** Mailing list name from a `[list]` subject tag or the importer's --list, when known. */
  list?: string;
  /** Sender. */
  from: Mailbox;
  /** To recipients, in order (absent when the source has no such header, as pipermail pages). */
  to?: Mailbox[];
  /** Cc recipients, in order (absent when the source has none). */
  cc?: Mailbox[];
  /** Reply-To addresses, when the sender set them. */
  replyTo?: Mailbox[];
  /**
   * The list's posting address, when the headers give it: `List-Post: <mailto:…>`, or the List-Id
   * (`<name.host>` → `name@host`) when that address is among the recipients.
   */
  listAddress?: string;
  /** Sent date, or null when the message had none that parses. */
  date: MailDate | null;
  /** Message-IDs from In-Reply-To, in order, without angle brackets. */
  inReplyTo: string[];
  /** Message-IDs from References, in order, without angle brackets. */
  references: string[];
  /** The readable text body (text/plain preferred), LF line endings. */
  body: string;
  /** Attachments listed by name and type. */
  attachments: AttachmentInfo[];
  /** Where the message was read from. */
  source: MessageSource;
  /**
   * The message bytes exactly as stored in the source (mbox unescaped), present only when a reader
   * was asked to keep them (the importer writes them out); pages never receive it.
   */
  raw?: Uint8Array;
}

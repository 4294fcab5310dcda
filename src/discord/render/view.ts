// What every renderer returns: a message as plain Discord API JSON, so its size can be measured
// before it is sent. Sending (and the no-ping rule) lives in ../send.ts.
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';

/** A file sent with the message (an embed shows an image one as `attachment://<name>`). */
export interface MessageFile {
  name: string;
  data: Buffer;
}

export interface MessageView {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  files?: MessageFile[];
}

/** Embed colours: answered, not found, neutral listings. */
export const colours = {
  answer: 0x5865f2,
  notFound: 0x99aab5,
  listing: 0x2b2d31,
  admin: 0xfaa61a,
} as const;

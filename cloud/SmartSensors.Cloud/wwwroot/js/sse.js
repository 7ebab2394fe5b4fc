// A Server-Sent Events parser (the "text/event-stream" format from the HTML standard) for use with fetch():
// EventSource cannot send the X-Api-Key or Authorization header, so the dashboard reads the stream itself.

const MAX_BUFFER = 1024 * 1024; // a line longer than 1 MiB is not an event we want: drop the stream

export class SseParser {
  constructor() {
    this.buffer = '';
    this.skipLeadingLf = false;
    this.data = [];
    this.event = '';
    this.lastEventId = '';
    this.retry = null;
  }

  /** Feeds decoded text; returns the events completed by it as { event, data, id }. */
  push(text) {
    const events = [];
    let chunk = text;
    if (this.skipLeadingLf && chunk.startsWith('\n')) chunk = chunk.slice(1);
    this.skipLeadingLf = false;
    this.buffer += chunk;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer[i];
      if (c !== '\n' && c !== '\r') continue;
      const line = this.buffer.slice(start, i);
      if (c === '\r') {
        if (i + 1 < this.buffer.length) {
          if (this.buffer[i + 1] === '\n') i++;
        } else {
          this.skipLeadingLf = true;
        }
      }
      start = i + 1;
      const event = this.line(line);
      if (event) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    if (this.buffer.length > MAX_BUFFER) {
      throw new Error('event stream line too long');
    }
    return events;
  }

  line(line) {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return null;
      }
      const event = { event: this.event || 'message', data: this.data.join('\n'), id: this.lastEventId };
      this.data = [];
      this.event = '';
      return event;
    }
    if (line.startsWith(':')) return null; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event': this.event = value; break;
      case 'data': this.data.push(value); break;
      case 'id': if (!value.includes('\0')) this.lastEventId = value; break;
      case 'retry': if (/^\d+$/.test(value)) this.retry = Number(value); break;
      default: break;
    }
    return null;
  }
}

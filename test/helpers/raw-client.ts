import { WebSocket } from 'ws';

/**
 * A bare WebSocket peer that sends any bytes and collects what comes back, parsed when it can be.
 * For feeding a CSMS frames no well-behaved client library would send.
 */
export class RawClient {
  readonly socket: WebSocket;
  readonly received: unknown[] = [];
  #waiters: Array<() => void> = [];

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on('message', (data) => {
      const text = (data as Buffer).toString();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // keep the text
      }
      this.received.push(parsed);
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  /** Wraps an already open socket (e.g. one made with special options). */
  static wrap(socket: WebSocket): RawClient {
    return new RawClient(socket);
  }

  static connect(url: string, protocols: string[] = ['ocpp2.0.1']): Promise<RawClient> {
    const socket = new WebSocket(url, protocols);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  send(data: string | Buffer, options: { binary?: boolean } = {}): void {
    this.socket.send(data, { binary: options.binary ?? false });
  }

  /** Waits for the next frame after `index` (default: the next one not yet seen). */
  async next(timeoutMs = 3000, index = this.received.length): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length <= index) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error('no frame received in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received[index];
  }

  /** Resolves true when nothing arrives within `ms`. */
  async silentFor(ms: number): Promise<boolean> {
    const count = this.received.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.received.length === count;
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

import type { WebSocket } from "ws";

/**
 * Sockets that have not yet passed connection_init, counted per client address: until then no user budget or cap
 * applies to them, so without this one address could hold any number open (each for the init deadline).
 */
export class UnauthenticatedSockets {
  private readonly addressOf = new Map<WebSocket, string>();
  private readonly perAddress = new Map<string, number>();

  constructor(private readonly maxPerAddress: number) {}

  /** Counts a new socket against its address; false when the address already holds the most allowed. */
  admit(socket: WebSocket, address: string): boolean {
    const count = this.perAddress.get(address) ?? 0;
    if (count >= this.maxPerAddress) return false;
    this.perAddress.set(address, count + 1);
    this.addressOf.set(socket, address);
    return true;
  }

  /** The socket authenticated or closed: it no longer counts. */
  release(socket: WebSocket): void {
    const address = this.addressOf.get(socket);
    if (address === undefined) return;
    this.addressOf.delete(socket);
    const left = (this.perAddress.get(address) ?? 1) - 1;
    if (left > 0) this.perAddress.set(address, left);
    else this.perAddress.delete(address);
  }
}

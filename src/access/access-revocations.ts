/** A token revoked (tokenId) or a user deactivated or with tokens revoked (userId). */
export interface AccessRevocation {
  tokenId?: string;
  userId?: string;
}

type Listener = (revocation: AccessRevocation) => void;

/**
 * In-process notice that access was taken away, sent once the change has committed, so open WebSockets close at
 * once rather than at the next periodic re-check (which covers changes made by other processes).
 */
export class AccessRevocations {
  private readonly listeners = new Set<Listener>();

  /** Returns the unsubscribe function. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(revocation: AccessRevocation): void {
    // A listener's failure is its own business: the revocation has committed whatever it does.
    for (const listener of this.listeners) {
      try {
        listener(revocation);
      } catch {
        // ignored on purpose, see above
      }
    }
  }
}

type Listener = ((event: Event) => void) | { handleEvent(event: Event): void };

/**
 * The in-process event target behind the sync events pubsub. Node's EventTarget turns a listener's exception
 * into an uncaught exception (the process exits): a subscription that could not keep up (its repeater's 1,024
 * pending pushes full) would take the gateway down with it. Here a listener's failure is caught and reported
 * once per dispatch, whatever the number of failing listeners, and the others are still served. Listeners
 * live in a Set: adding and removing one costs the same with 10 or 10,000 subscribers, and no
 * MaxListenersExceeded warning is printed for what the WebSocket caps already bound.
 */
export class SyncEventTarget extends EventTarget {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly onListenerErrors: (failures: number, first: unknown) => void = () => undefined) {
    super();
  }

  override addEventListener(type: string, listener: Listener | null): void {
    if (!listener) return;
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener);
  }

  override removeEventListener(type: string, listener: Listener | null): void {
    if (!listener) return;
    const set = this.listeners.get(type);
    set?.delete(listener);
    if (set && !set.size) this.listeners.delete(type);
  }

  override dispatchEvent(event: Event): boolean {
    let failures = 0;
    let first: unknown;
    // A copy: a listener may unsubscribe (or another subscribe) while the event is handed out.
    for (const listener of [...(this.listeners.get(event.type) ?? [])]) {
      try {
        if (typeof listener === "function") listener(event);
        else listener.handleEvent(event);
      } catch (error) {
        if (failures === 0) first = error;
        failures += 1;
      }
    }
    if (failures) this.onListenerErrors(failures, first);
    return true;
  }
}

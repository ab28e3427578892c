/** Tells the organisation's administrators about things they must know (initial sync, sync switched off). */
export interface Notifier {
  notifyAdmins(subject: string, text: string): Promise<void>;
}

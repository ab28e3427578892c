import { Column, Entity, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "../../common/columns";

/**
 * Who, among the gateway's users, created and last wrote a record the gateway wrote through a vendor's API. The
 * vendor credits every such write to the OAuth user; reads put our user back while the vendor's modified time
 * is still the one our write left (a later edit in the vendor's own UI names its real author).
 */
@Entity("gw_remote_record_author")
export class RecordAuthor {
  @PrimaryColumn({ type: "varchar", length: 8 }) system!: string;
  @PrimaryColumn({ type: "varchar", length: 32 }) module!: string;
  @PrimaryColumn({ type: "varchar", length: 36 }) recordId!: string;
  /** Null when the record was created elsewhere and only written by the gateway. */
  @Column({ type: "varchar", length: 36, nullable: true }) createdBy!: string | null;
  @Column({ type: "varchar", length: 36 }) modifiedBy!: string;
  /** The vendor's modified time right after our write. */
  @TimestampColumn() vendorModifiedTime!: Date;
}

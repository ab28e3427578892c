import { Field, ID, InputType } from "type-graphql";
import { IsOptional, MaxLength } from "class-validator";
import { DeletionPreference, SyncDirection } from "../../src/sync/settings/sync-settings.entity";

@InputType()
export class SyncSettingsInput {
  @Field(() => Boolean, { nullable: true }) @IsOptional() enabled?: boolean;
  @Field(() => SyncDirection, { nullable: true }) @IsOptional() direction?: SyncDirection;
  @Field(() => DeletionPreference, { nullable: true, description: "When a CRM record is deleted." }) @IsOptional() onCrmDelete?: DeletionPreference;
  @Field(() => DeletionPreference, { nullable: true, description: "When an FSM record is deleted." }) @IsOptional() onFsmDelete?: DeletionPreference;
  @Field(() => ID, { nullable: true, description: "Accounts/Contacts: the CRM view whose records sync; null clears it." })
  @IsOptional()
  @MaxLength(36)
  crmViewId?: string | null;
}

import { Field, InputType } from "type-graphql";
import { IsOptional } from "class-validator";
import { DeletionPreference, SyncDirection } from "../../src/sync/settings/sync-settings.entity";

@InputType()
export class SyncSettingsInput {
  @Field(() => Boolean, { nullable: true }) @IsOptional() enabled?: boolean;
  @Field(() => SyncDirection, { nullable: true }) @IsOptional() direction?: SyncDirection;
  @Field(() => DeletionPreference, { nullable: true, description: "When a CRM record is deleted." }) @IsOptional() onCrmDelete?: DeletionPreference;
  @Field(() => DeletionPreference, { nullable: true, description: "When an FSM record is deleted." }) @IsOptional() onFsmDelete?: DeletionPreference;
}

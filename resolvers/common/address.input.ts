import { Field, InputType } from "type-graphql";
import { IsOptional, MaxLength } from "class-validator";

@InputType()
export class AddressInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) street?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) city?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) state?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) code?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) country?: string | null;
}

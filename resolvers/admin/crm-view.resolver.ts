import { Arg, Authorized, Ctx, Field, InputType, Mutation, Query, Resolver } from "type-graphql";
import { IsOptional, Length, MaxLength } from "class-validator";
import type { Context } from "../../src/http/context";
import { Permission } from "../../src/access/viewer";
import { CrmView, ViewOperator } from "../../src/crm/views/crm-view.entity";

@InputType()
export class ViewConditionInput {
  @Field(() => String) @Length(1, 64) field!: string;
  @Field(() => ViewOperator) operator!: ViewOperator;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) value?: string | null;
}

/** CRM views (saved filters) that decide which Accounts and Contacts sync. */
@Authorized(Permission.Admin)
@Resolver()
export class CrmViewResolver {
  @Query(() => [CrmView]) crmViews(@Arg("module", () => String, { nullable: true }) module: string | null, @Ctx() { services }: Context) {
    return services.views.list(module);
  }

  @Mutation(() => CrmView)
  createCrmView(
    @Arg("module", () => String) module: string,
    @Arg("name", () => String) name: string,
    @Arg("conditions", () => [ViewConditionInput]) conditions: ViewConditionInput[],
    @Ctx() { services }: Context,
  ) {
    return services.views.create(
      module,
      name.slice(0, 128),
      conditions.slice(0, 50).map((c) => ({ field: c.field, operator: c.operator, value: c.value ?? null })),
    );
  }
}

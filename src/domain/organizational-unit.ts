/** An organizational unit (DescribeOrganizationalUnit / ListOrganizationalUnitsForParent). */
export interface OrganizationalUnit {
  readonly id: string;
  readonly arn: string;
  readonly name: string;
  /** Ids from the root down to the parent, from the OU's `Path` when upstream sent it. */
  readonly ancestorIds: readonly string[] | undefined;
}

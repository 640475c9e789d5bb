/** A tag on a root, OU, account or policy (TagResource / ListTagsForResource). */
export interface Tag {
  readonly key: string;
  readonly value: string;
}

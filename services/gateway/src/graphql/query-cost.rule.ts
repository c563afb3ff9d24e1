import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext } from 'graphql';

/** Limits that keep one GraphQL request from costing what hundreds of calls would. */
export const GRAPHQL_LIMITS = {
  /** Top-level fields per operation: each is a call to a service (aliases count one by one). */
  rootFields: 20,
  /** Field selections per operation, all levels, fragments expanded. */
  totalFields: 500,
} as const;

/** Fields as executed: every use of a fragment counts; `path` stops at fragment cycles (invalid anyway). */
function countFields(selectionSet: SelectionSetNode | undefined, context: ValidationContext, path: Set<string>): number {
  if (!selectionSet) return 0;
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (total > GRAPHQL_LIMITS.totalFields) break; // enough to refuse; stop walking
    if (selection.kind === Kind.FIELD) total += 1 + countFields(selection.selectionSet, context, path);
    else if (selection.kind === Kind.INLINE_FRAGMENT) total += countFields(selection.selectionSet, context, path);
    else if (!path.has(selection.name.value)) {
      path.add(selection.name.value);
      total += countFields(context.getFragment(selection.name.value)?.selectionSet, context, path);
      path.delete(selection.name.value);
    }
  }
  return total;
}

/** Validation rule: refuses operations over the limits before anything executes. */
export function queryCostRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      const root = node.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && !s.name.value.startsWith('__')).length;
      if (root > GRAPHQL_LIMITS.rootFields) {
        context.reportError(new GraphQLError(`Too many top-level fields: ${root} (at most ${GRAPHQL_LIMITS.rootFields} per request)`, { nodes: [node] }));
      }
      const total = countFields(node.selectionSet, context, new Set());
      if (total > GRAPHQL_LIMITS.totalFields) {
        context.reportError(new GraphQLError(`Query too expensive: ${total} fields (at most ${GRAPHQL_LIMITS.totalFields})`, { nodes: [node] }));
      }
    },
  };
}

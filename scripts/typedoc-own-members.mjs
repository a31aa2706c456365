// A TypeDoc plugin: a class's page lists what the class declares, not what it inherits
// from a base outside the project. The commands and errors extend effect's Schema
// classes, whose hundreds of inherited members ([TypeId], pipe, transformOrFail, …)
// would bury the fields a user needs.
import { Converter, ReflectionKind } from "typedoc"

export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const project = context.project
    for (const owner of project.getReflectionsByKind(ReflectionKind.Class | ReflectionKind.Interface)) {
      for (const child of [...(owner.children ?? [])]) {
        const from = child.inheritedFrom
        if (from !== undefined && from.reflection === undefined) project.removeReflection(child)
      }
    }
  })
}

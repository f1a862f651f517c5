/** Whether a file name is a lesson scenario's (`*.lesson.yaml` or `*.lesson.yml`). Its own file: the editor's activation bundle reads it without the parser. */
export function isLessonFile(name: string): boolean {
  return /\.lesson\.ya?ml$/i.test(name);
}

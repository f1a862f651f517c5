/** A small lesson for the player's tests: a settle, a fail with a question, a wait (with web.yaml from ../cli/helpers). */
export const LESSON = `title: T
topology: multi-worker
manifests: [web.yaml]
steps:
  - title: Before
    settle: true
    expect: {workload: deployment/web, ready: 2}
  - title: Stop worker-1
    fail: worker-1
    ask: {question: Is worker-1 NotReady at once?, choices: ["yes", "no"], answer: "no", explanation: The grace period.}
    expect: {node: worker-1, ready: true}
  - wait: 60
    expect: {node: worker-1, ready: false}
`;

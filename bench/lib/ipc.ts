/**
 * The messages between the bench (parent) and a server it runs in a child process.
 * parent → child: profile-start, profile-stop {file}, stop. child → parent: ready {url}, done {id}.
 */
export type ToChild = { id: number; type: 'profile-start' } | { id: number; type: 'profile-stop'; file: string } | { id: number; type: 'stop' };
export type FromChild = { type: 'ready'; url: string } | { type: 'done'; id: number; error?: string };

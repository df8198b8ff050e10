/**
 * A worker thread of `chorale validate --jobs N` (validate-pool.ts): judges the files it is
 * sent, one message per file, and answers with the printed line and status.
 */
import { parentPort } from 'node:worker_threads';
import { judgeFile, type JudgeOptions } from './judge-file.js';

export interface WorkerTask extends JudgeOptions {
  id: number;
  file: string;
}

export interface WorkerAnswer {
  id: number;
  line: string;
  status: 0 | 1 | 2;
}

parentPort?.on('message', (task: WorkerTask) => {
  void judgeFile(task.file, task).then((judged) => {
    const answer: WorkerAnswer = { id: task.id, line: judged.line, status: judged.status };
    parentPort!.postMessage(answer);
  });
});

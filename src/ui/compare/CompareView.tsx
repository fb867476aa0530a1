import { CompareAnswer } from '../report/CompareAnswer';
import { TradeoffPanel } from '../TradeoffPanel';
import { CompareForm } from './CompareForm';
import { CompareProgress } from './CompareProgress';
import { CompareTable } from './CompareTable';

/** Compare mode: the queue, its progress, the accuracy-vs-sparsity chart and the results. */
export function CompareView() {
  return (
    <>
      <CompareProgress />
      <CompareForm />
      <TradeoffPanel className="span-compare-chart" height={420} />
      <CompareTable />
      <CompareAnswer />
    </>
  );
}

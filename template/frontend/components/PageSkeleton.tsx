import { Skeleton } from "@/components/ui/Skeleton";

/** Says what is loading to screen readers; the grey blocks show it. */
function Loading({ label }: { label: string }) {
  return <span className="sr-only">{label}</span>;
}

/** The shape of a form page (login, register) while the session is checked. */
export function FormSkeleton({ label }: { label: string }) {
  return (
    <div role="status" className="mx-auto w-full max-w-md">
      <Loading label={label} />
      <div className="space-y-5 rounded-lg border border-border bg-surface p-5 shadow-sm sm:p-6">
        <Skeleton className="h-7 w-40" />
        {[0, 1].map((field) => (
          <div key={field} className="space-y-2">
            <Skeleton className="h-4 w-24" />
            <Skeleton className="h-10 w-full" />
          </div>
        ))}
        <Skeleton className="h-10 w-full" />
      </div>
    </div>
  );
}

/** The shape of a signed-in page (a title, then a card) while it loads. */
export function PageSkeleton({ label }: { label: string }) {
  return (
    <div role="status" className="space-y-6">
      <Loading label={label} />
      <Skeleton className="h-8 w-56" />
      <div className="space-y-3 rounded-lg border border-border bg-surface p-5 shadow-sm sm:p-6">
        <Skeleton className="h-5 w-40" />
        <Skeleton className="h-4 w-full" />
        <Skeleton className="h-4 w-5/6" />
        <Skeleton className="h-4 w-2/3" />
      </div>
    </div>
  );
}

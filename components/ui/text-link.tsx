import Link from "next/link";

export function TextLink({ href, children, className = "" }: { href: string; children: React.ReactNode; className?: string }) {
  return (
    <Link href={href} className={`font-medium text-indigo-600 hover:text-indigo-500 hover:underline ${className}`}>
      {children}
    </Link>
  );
}

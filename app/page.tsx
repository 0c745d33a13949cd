import { redirect } from "next/navigation";

// The console starts at the dashboard; the console layout sends signed-out visitors to sign-in.
export default function Home() {
  redirect("/dashboard");
}

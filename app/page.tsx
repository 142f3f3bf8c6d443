export default function Home() {
  return <main>Loket</main>;
}

// The page's script. With boot data (the desktop), it paints the first screen
// (firstScreen/) and loads the app once that is on screen: the app's ~0.9 MB
// of script would otherwise hold the first paint back by ~0.4 s in a cold
// web view. Without (the browser bridge when the backend was slow, Vite's
// dev server), it loads the app at once.
import './styles/firstScreenStyles'
import { startPage } from './firstScreen/start'

startPage(window, () => import('./main'))

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES">
<context>
    <name>AttachmentTray</name>
    <message>
        <source>Attached files</source>
        <translation>Archivos adjuntos</translation>
    </message>
    <message>
        <source>Attach files…</source>
        <translation>Adjuntar archivos…</translation>
    </message>
    <message>
        <source>Remove file</source>
        <translation>Quitar el archivo</translation>
    </message>
    <message>
        <source>Problem with a file</source>
        <translation>Problema con un archivo</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Adjuntar archivos</translation>
    </message>
    <message>
        <source>Pictures and documents (*.jpg *.jpeg *.png *.gif *.webp *.bmp *.pdf *.docx *.xlsx *.pptx *.odt *.ods *.odp *.txt)</source>
        <translation>Imágenes y documentos (*.jpg *.jpeg *.png *.gif *.webp *.bmp *.pdf *.docx *.xlsx *.pptx *.odt *.ods *.odp *.txt)</translation>
    </message>
    <message>
        <source>Pasted picture</source>
        <translation>Imagen pegada</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>Comprobando el archivo…</translation>
    </message>
    <message>
        <source>That file could not be attached ({error}).</source>
        <translation>No se ha podido adjuntar ese archivo ({error}).</translation>
    </message>
    <message>
        <source>1 file</source>
        <translation>1 archivo</translation>
    </message>
    <message>
        <source>{count} files</source>
        <translation>{count} archivos</translation>
    </message>
    <message>
        <source>{name} (not on this computer)</source>
        <translation>{name} (no está en este ordenador)</translation>
    </message>
    <message>
        <source>{name}, {size}</source>
        <translation>{name}, {size}</translation>
    </message>
</context>
<context>
    <name>AvatarChooser</name>
    <message>
        <source>Choose an avatar for {name}</source>
        <translation>Elige un avatar para {name}</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Use a picture…</source>
        <translation>Usar una imagen…</translation>
    </message>
    <message>
        <source>Choose a photo or drawing from a file</source>
        <translation>Elige una foto o un dibujo de un archivo</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Use this avatar</source>
        <translation>Usar este avatar</translation>
    </message>
    <message>
        <source>Avatar {number}</source>
        <translation>Avatar {number}</translation>
    </message>
    <message>
        <source>Tap an avatar first, or choose a picture.</source>
        <translation>Toca primero un avatar o elige una imagen.</translation>
    </message>
    <message>
        <source>Choose a picture</source>
        <translation>Elige una imagen</translation>
    </message>
    <message>
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</source>
        <translation>Imágenes (*.png *.jpg *.jpeg *.gif *.webp *.bmp)</translation>
    </message>
</context>
<context>
    <name>ClassBar</name>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Class total</source>
        <translation>Total de la clase</translation>
    </message>
    <message>
        <source>Whole class</source>
        <translation>Toda la clase</translation>
    </message>
    <message>
        <source>Select several</source>
        <translation>Elegir varios</translation>
    </message>
    <message>
        <source>Award selected</source>
        <translation>Premiar a los elegidos</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Herramientas</translation>
    </message>
    <message>
        <source>Timer, random picker, groups, the class goal and a noise meter</source>
        <translation>Temporizador, selector al azar, grupos, la meta de la clase y un medidor de ruido</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>Privacidad</translation>
    </message>
    <message>
        <source>Hide points on the big screen</source>
        <translation>Ocultar los puntos en la pantalla grande</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>Sonido</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volumen</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menú</translation>
    </message>
    <message>
        <source>Class total: 1 point</source>
        <translation>Total de la clase: 1 punto</translation>
    </message>
    <message>
        <source>Class total: {points} points</source>
        <translation>Total de la clase: {points} puntos</translation>
    </message>
    <message>
        <source>No sound</source>
        <translation>Sin sonido</translation>
    </message>
    <message>
        <source>Sound unavailable</source>
        <translation>Sonido no disponible</translation>
    </message>
    <message>
        <source>Award {count} selected</source>
        <translation>Premiar a {count} elegidos</translation>
    </message>
    <message>
        <source>Done selecting</source>
        <translation>Terminar de elegir</translation>
    </message>
</context>
<context>
    <name>ClassStoryDialog</name>
    <message>
        <source>Class story</source>
        <translation>Historia de la clase</translation>
    </message>
    <message>
        <source>Which story</source>
        <translation>Qué historia</translation>
    </message>
    <message>
        <source>{name} story</source>
        <translation>Historia de {name}</translation>
    </message>
    <message>
        <source>School story</source>
        <translation>Historia del centro</translation>
    </message>
    <message>
        <source>Posts</source>
        <translation>Publicaciones</translation>
    </message>
    <message>
        <source>Edit post</source>
        <translation>Editar la publicación</translation>
    </message>
    <message>
        <source>Delete post</source>
        <translation>Borrar la publicación</translation>
    </message>
    <message>
        <source>New post</source>
        <translation>Publicación nueva</translation>
    </message>
    <message>
        <source>Composer heading</source>
        <translation>Encabezado del editor</translation>
    </message>
    <message>
        <source>Post text</source>
        <translation>Texto de la publicación</translation>
    </message>
    <message>
        <source>What happened in class today? Paste or drop photos and documents here too.</source>
        <translation>¿Qué ha pasado hoy en clase? También puedes pegar o arrastrar aquí fotos y documentos.</translation>
    </message>
    <message>
        <source>Post to these classes</source>
        <translation>Publicar en estas clases</translation>
    </message>
    <message>
        <source>Post to the whole school story</source>
        <translation>Publicar en la historia de todo el centro</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Publicar</translation>
    </message>
    <message>
        <source>Cancel editing</source>
        <translation>Cancelar la edición</translation>
    </message>
    <message>
        <source>Post status</source>
        <translation>Estado de la publicación</translation>
    </message>
    <message>
        <source>Post to:</source>
        <translation>Publicar en:</translation>
    </message>
    <message>
        <source>No posts yet.</source>
        <translation>Todavía no hay publicaciones.</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal del centro</translation>
    </message>
    <message>
        <source>{head} · student story</source>
        <translation>{head} · publicación de un alumno</translation>
    </message>
    <message>
        <source>{head} · {count} classes</source>
        <translation>{head} · {count} clases</translation>
    </message>
    <message>
        <source>Not accepted by the school server (see the sync details)</source>
        <translation>No aceptada por el servidor del centro (mira los detalles de la sincronización)</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Pendiente de envío</translation>
    </message>
    <message>
        <source>Wait a moment: a file is still being checked.</source>
        <translation>Espera un momento: todavía se está comprobando un archivo.</translation>
    </message>
    <message>
        <source>Changes saved.</source>
        <translation>Cambios guardados.</translation>
    </message>
    <message>
        <source>Posted. It goes to families when this computer reaches the school server.</source>
        <translation>Publicado. Llegará a las familias cuando este ordenador se conecte con el servidor del centro.</translation>
    </message>
    <message>
        <source>Editing a post</source>
        <translation>Editando una publicación</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Guardar los cambios</translation>
    </message>
    <message>
        <source>Really delete?</source>
        <translation>¿Seguro que quieres borrarla?</translation>
    </message>
    <message>
        <source>Post deleted.</source>
        <translation>Publicación borrada.</translation>
    </message>
</context>
<context>
    <name>CsvImport</name>
    <message>
        <source>Import students from a CSV file</source>
        <translation>Importar alumnos de un archivo CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Archivos CSV (*.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Importing students…</source>
        <translation>Importando alumnos…</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was imported.</source>
        <translation>Importación cancelada: no se ha importado nada.</translation>
    </message>
    <message>
        <source>Imported 1 student.</source>
        <translation>Se ha importado 1 alumno.</translation>
    </message>
    <message>
        <source>Imported {count} students.</source>
        <translation>Se han importado {count} alumnos.</translation>
    </message>
</context>
<context>
    <name>DataExport</name>
    <message>
        <source>Export all data</source>
        <translation>Exportar todos los datos</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting all data…</source>
        <translation>Exportando todos los datos…</translation>
    </message>
    <message>
        <source>Exported {count} files to {folder}.</source>
        <translation>Se han exportado {count} archivos a {folder}.</translation>
    </message>
    <message>
        <source>Export cancelled: no files were kept.</source>
        <translation>Exportación cancelada: no se ha guardado ningún archivo.</translation>
    </message>
</context>
<context>
    <name>Defaults</name>
    <message>
        <source>Demo class 4B</source>
        <translation>Clase de prueba 4B</translation>
    </message>
    <message>
        <source>Year 4</source>
        <translation>4.º curso</translation>
    </message>
    <message>
        <source>Helping others</source>
        <translation>Ayudar a los demás</translation>
    </message>
    <message>
        <source>Helped a classmate or an adult without being asked.</source>
        <translation>Ayudó a un compañero o a un adulto sin que se lo pidieran.</translation>
    </message>
    <message>
        <source>Working hard</source>
        <translation>Esforzarse</translation>
    </message>
    <message>
        <source>Kept going on the task for the whole activity.</source>
        <translation>Siguió con la tarea durante toda la actividad.</translation>
    </message>
    <message>
        <source>Teamwork</source>
        <translation>Trabajo en equipo</translation>
    </message>
    <message>
        <source>Listened to the group and shared the work fairly.</source>
        <translation>Escuchó al grupo y repartió el trabajo de forma justa.</translation>
    </message>
    <message>
        <source>Participating</source>
        <translation>Participar</translation>
    </message>
    <message>
        <source>Put a hand up, shared an idea or asked a question.</source>
        <translation>Levantó la mano, compartió una idea o hizo una pregunta.</translation>
    </message>
    <message>
        <source>Persistence</source>
        <translation>Perseverancia</translation>
    </message>
    <message>
        <source>Tried again after getting something wrong.</source>
        <translation>Volvió a intentarlo después de equivocarse.</translation>
    </message>
    <message>
        <source>Off task</source>
        <translation>Distraerse</translation>
    </message>
    <message>
        <source>Still off task after one quiet reminder.</source>
        <translation>Siguió distraído tras un aviso discreto.</translation>
    </message>
    <message>
        <source>Disrespect</source>
        <translation>Falta de respeto</translation>
    </message>
    <message>
        <source>Unkind words or actions towards someone in the room.</source>
        <translation>Palabras o gestos desagradables hacia alguien del aula.</translation>
    </message>
    <message>
        <source>No homework</source>
        <translation>Sin deberes</translation>
    </message>
    <message>
        <source>Homework not handed in by the agreed day.</source>
        <translation>No entregó los deberes el día acordado.</translation>
    </message>
</context>
<context>
    <name>DialogSheet</name>
    <message>
        <source>Avatar of {name}</source>
        <translation>Avatar de {name}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>the file is not text (byte {byte} cannot be read)</source>
        <translation>el archivo no es de texto (no se puede leer el byte {byte})</translation>
    </message>
    <message>
        <source>the file is not a CSV text file</source>
        <translation>el archivo no es un archivo de texto CSV</translation>
    </message>
    <message>
        <source>the file is empty; the first line must name the columns, e.g. First name,Last name,Class</source>
        <translation>el archivo está vacío; la primera línea debe nombrar las columnas, p. ej., First name,Last name,Class</translation>
    </message>
    <message>
        <source>cannot be read: {reason}</source>
        <translation>no se puede leer: {reason}</translation>
    </message>
    <message>
        <source>no “{column}” column (the columns found are: {found})</source>
        <translation>falta la columna «{column}» (las columnas encontradas son: {found})</translation>
    </message>
    <message>
        <source>no “{column}” column (the first line names no columns)</source>
        <translation>falta la columna «{column}» (la primera línea no nombra ninguna columna)</translation>
    </message>
    <message>
        <source>the file has a header but no students</source>
        <translation>el archivo tiene encabezado pero ningún alumno</translation>
    </message>
    <message>
        <source>more than {max} students; split the file</source>
        <translation>más de {max} alumnos; divide el archivo</translation>
    </message>
    <message>
        <source>{values} values but the header names {columns} columns</source>
        <translation>{values} valores, pero el encabezado nombra {columns} columnas</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>está vacía</translation>
    </message>
    <message>
        <source>is longer than {max} characters</source>
        <translation>tiene más de {max} caracteres</translation>
    </message>
    <message>
        <source>the same student is on line {line}</source>
        <translation>el mismo alumno está en la línea {line}</translation>
    </message>
    <message>
        <source>{file} is larger than 2 MB; is it a roster?</source>
        <translation>{file} ocupa más de 2 MB; ¿es una lista de alumnos?</translation>
    </message>
    <message>
        <source>{file} cannot be read ({reason}).</source>
        <translation>No se puede leer {file} ({reason}).</translation>
    </message>
    <message>
        <source>Some rows name no class. Add a “Class” column or open a class first.</source>
        <translation>Algunas filas no indican la clase. Añade una columna «Class» o abre antes una clase.</translation>
    </message>
    <message>
        <source>That student is no longer on the roster.</source>
        <translation>Ese alumno ya no está en la lista.</translation>
    </message>
    <message>
        <source>The file {file} cannot be opened ({reason}).</source>
        <translation>No se puede abrir el archivo {file} ({reason}).</translation>
    </message>
    <message>
        <source>{file} is {size} MB; choose a picture under {max} MB.</source>
        <translation>{file} ocupa {size} MB; elige una imagen de menos de {max} MB.</translation>
    </message>
    <message>
        <source>{file} is too large ({width}×{height} pixels).</source>
        <translation>{file} es demasiado grande ({width}×{height} píxeles).</translation>
    </message>
    <message>
        <source>{file} is not a picture Dojo Desktop can read (PNG, JPEG, GIF, WebP or BMP).</source>
        <translation>{file} no es una imagen que Dojo Desktop pueda leer (PNG, JPEG, GIF, WebP o BMP).</translation>
    </message>
    <message>
        <source>{file} looks damaged or cut short, so it cannot be used.</source>
        <translation>{file} parece dañado o incompleto, así que no se puede usar.</translation>
    </message>
    <message>
        <source>The export could not be written to {folder} ({reason}). Choose another folder; nothing in the class database was changed.</source>
        <translation>No se ha podido escribir la exportación en {folder} ({reason}). Elige otra carpeta; no ha cambiado nada en la base de datos de la clase.</translation>
    </message>
    <message>
        <source>Dojo Desktop cannot save in its data folder, {folder}: the drive is read-only. Ask IT to make it writable, or to give Dojo Desktop another folder (the DOJO_DATA_DIR environment variable for this computer, or --data-dir). Nothing stored there was changed.</source>
        <translation>Dojo Desktop no puede guardar en su carpeta de datos, {folder}: la unidad es de solo lectura. Pida a IT que permita escribir en ella o que asigne otra carpeta a Dojo Desktop (la variable de entorno DOJO_DATA_DIR de este equipo, o --data-dir). No se ha cambiado nada de lo guardado allí.</translation>
    </message>
    <message>
        <source>Dojo Desktop cannot save in its data folder, {folder}: you do not have permission to change it. Ask IT to give you that permission, or to give Dojo Desktop another folder (the DOJO_DATA_DIR environment variable for this computer, or --data-dir). Nothing stored there was changed.</source>
        <translation>Dojo Desktop no puede guardar en su carpeta de datos, {folder}: no tiene permiso para modificarla. Pida a IT ese permiso o que asigne otra carpeta a Dojo Desktop (la variable de entorno DOJO_DATA_DIR de este equipo, o --data-dir). No se ha cambiado nada de lo guardado allí.</translation>
    </message>
    <message>
        <source>Dojo Desktop cannot save in its data folder, {folder}: the disk is full. Free some space, then start Dojo Desktop again. Nothing stored there was changed.</source>
        <translation>Dojo Desktop no puede guardar en su carpeta de datos, {folder}: el disco está lleno. Libere espacio y vuelva a abrir Dojo Desktop. No se ha cambiado nada de lo guardado allí.</translation>
    </message>
    <message>
        <source>Dojo Desktop cannot find or make its data folder, {folder} ({reason}). Is a network drive or USB stick missing? Ask IT to check the folder, or to give Dojo Desktop another one (the DOJO_DATA_DIR environment variable for this computer, or --data-dir).</source>
        <translation>Dojo Desktop no encuentra ni puede crear su carpeta de datos, {folder} ({reason}). ¿Falta una unidad de red o un USB? Pida a IT que revise la carpeta o que asigne otra a Dojo Desktop (la variable de entorno DOJO_DATA_DIR de este equipo, o --data-dir).</translation>
    </message>
    <message>
        <source>The class name cannot be empty.</source>
        <translation>El nombre de la clase no puede estar vacío.</translation>
    </message>
    <message>
        <source>The class name is longer than {max} characters.</source>
        <translation>El nombre de la clase tiene más de {max} caracteres.</translation>
    </message>
    <message>
        <source>The first name cannot be empty.</source>
        <translation>El nombre no puede estar vacío.</translation>
    </message>
    <message>
        <source>The first name is longer than {max} characters.</source>
        <translation>El nombre tiene más de {max} caracteres.</translation>
    </message>
    <message>
        <source>The last name is longer than {max} characters.</source>
        <translation>Los apellidos tienen más de {max} caracteres.</translation>
    </message>
    <message>
        <source>A skill needs a name.</source>
        <translation>Una habilidad necesita un nombre.</translation>
    </message>
    <message>
        <source>A skill name can be at most {max} characters.</source>
        <translation>El nombre de una habilidad puede tener como máximo {max} caracteres.</translation>
    </message>
    <message>
        <source>The criteria can be at most {max} characters.</source>
        <translation>Los criterios pueden tener como máximo {max} caracteres.</translation>
    </message>
    <message>
        <source>A positive skill gives 1 to {max} points, not {points}.</source>
        <translation>Una habilidad positiva da de 1 a {max} puntos, no {points}.</translation>
    </message>
    <message>
        <source>A needs-work skill gives -1 to {min} points, not {points}.</source>
        <translation>Una habilidad a mejorar da de -1 a {min} puntos, no {points}.</translation>
    </message>
    <message>
        <source>That skill does not exist.</source>
        <translation>Esa habilidad no existe.</translation>
    </message>
    <message>
        <source>A target is 1 to {max} points, not {points}.</source>
        <translation>Un objetivo es de 1 a {max} puntos, no {points}.</translation>
    </message>
    <message>
        <source>Only a school leader can add a skill every class uses. You can add a skill for your own class instead.</source>
        <translation>Solo un responsable de la escuela puede añadir una habilidad para todas las clases. Puede añadir una habilidad para su propia clase.</translation>
    </message>
    <message>
        <source>Every class in the school uses this skill, so only a school leader can change it. You can add a skill for your own class instead.</source>
        <translation>Todas las clases de la escuela usan esta habilidad, así que solo un responsable de la escuela puede cambiarla. Puede añadir una habilidad para su propia clase.</translation>
    </message>
    <message>
        <source>Choose at least one student.</source>
        <translation>Elige al menos un alumno.</translation>
    </message>
    <message>
        <source>That skill is no longer available.</source>
        <translation>Esa habilidad ya no está disponible.</translation>
    </message>
    <message>
        <source>Choose a goal from 1 to {max} points.</source>
        <translation>Elige una meta de 1 a {max} puntos.</translation>
    </message>
    <message>
        <source>Write the reward in {max} characters or fewer.</source>
        <translation>Escribe la recompensa en {max} caracteres o menos.</translation>
    </message>
    <message>
        <source>That person is not on this school&apos;s staff.</source>
        <translation>Esa persona no forma parte del personal de este centro.</translation>
    </message>
    <message>
        <source>Pick your name and type your PIN first: this speaks for you.</source>
        <translation>Elige primero tu nombre y escribe tu PIN: esto habla en tu nombre.</translation>
    </message>
    <message>
        <source>A PIN is set on your own computer, not on a shared one. IT can set one for you too.</source>
        <translation>El PIN se pone en tu propio ordenador, no en uno compartido. El equipo de informática también puede ponerte uno.</translation>
    </message>
    <message>
        <source>A PIN is 4 to 6 digits.</source>
        <translation>Un PIN tiene de 4 a 6 cifras.</translation>
    </message>
    <message>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation>Los dos PIN no coinciden. Escribe el mismo PIN dos veces.</translation>
    </message>
    <message>
        <source>The school server cannot be reached. Points are saved here and will be sent when it can.</source>
        <translation>No se puede contactar con el servidor del centro. Los puntos se guardan aquí y se enviarán cuando se pueda.</translation>
    </message>
    <message>
        <source>The connection to the school server broke off. Points are saved here and will be sent when it can.</source>
        <translation>La conexión con el servidor del centro se cortó. Los puntos se guardan aquí y se enviarán cuando se pueda.</translation>
    </message>
    <message>
        <source>The school server&apos;s certificate could not be verified. If the school uses its own certificate authority, IT can set its CA bundle in Settings.</source>
        <translation>No se pudo verificar el certificado del servidor del centro. Si el centro usa su propia autoridad de certificación, el servicio informático puede indicar su paquete de CA en Ajustes.</translation>
    </message>
    <message>
        <source>The school server had a problem: it answered {status}.</source>
        <translation>El servidor del centro tuvo un problema: respondió {status}.</translation>
    </message>
    <message>
        <source>The school server is not accepting changes: it answered {status}.</source>
        <translation>El servidor del centro no está aceptando cambios: respondió {status}.</translation>
    </message>
    <message>
        <source>The school server is not sending changes: it answered {status}.</source>
        <translation>El servidor del centro no está enviando cambios: respondió {status}.</translation>
    </message>
    <message>
        <source>The school server answered something Dojo Desktop does not understand. It may not be a Dojo school server, or a proxy is in the way.</source>
        <translation>El servidor del centro respondió algo que Dojo Desktop no entiende. Puede que no sea un servidor Dojo del centro, o que haya un proxy por medio.</translation>
    </message>
    <message>
        <source>The school server is not accepting changes: its answer could not be understood. A proxy may be in the way.</source>
        <translation>El servidor del centro no está aceptando cambios: su respuesta no se pudo entender. Puede que haya un proxy por medio.</translation>
    </message>
    <message>
        <source>The school server is not sending changes: its answer could not be understood. A proxy may be in the way.</source>
        <translation>El servidor del centro no está enviando cambios: su respuesta no se pudo entender. Puede que haya un proxy por medio.</translation>
    </message>
    <message>
        <source>The school server is busy. Sync will try again shortly.</source>
        <translation>El servidor del centro está ocupado. La sincronización se volverá a intentar en breve.</translation>
    </message>
    <message>
        <source>The school server refused: {reason}</source>
        <translation>El servidor del centro lo rechazó: {reason}</translation>
    </message>
    <message>
        <source>The school server refused the request: it answered {status}.</source>
        <translation>El servidor del centro rechazó la petición: respondió {status}.</translation>
    </message>
    <message>
        <source>The school server&apos;s address sends this computer on to {location}. Ask IT for the server&apos;s address, and connect to it again in Settings.</source>
        <translation>La dirección del servidor del centro envía este ordenador a {location}. Pide al equipo de informática la dirección del servidor y vuelve a conectarte en Ajustes.</translation>
    </message>
    <message>
        <source>The server does not recognise this device. Connect it to the school server again (Settings).</source>
        <translation>El servidor no reconoce este dispositivo. Vuelve a conectarlo con el servidor del centro (Ajustes).</translation>
    </message>
    <message>
        <source>This device was disconnected from the school server by IT. Points stay on this computer; ask IT to connect it again.</source>
        <translation>El servicio informático desconectó este dispositivo del servidor del centro. Los puntos se quedan en este ordenador; pide que lo vuelvan a conectar.</translation>
    </message>
    <message>
        <source>This version of Dojo Desktop is too old for the school server. Ask IT to update it.</source>
        <translation>Esta versión de Dojo Desktop es demasiado antigua para el servidor del centro. Pide al servicio informático que la actualice.</translation>
    </message>
    <message>
        <source>The school server was restored from a backup.</source>
        <translation>El servidor del centro se restauró desde una copia de seguridad.</translation>
    </message>
    <message>
        <source>A file from the school server arrived damaged; it will be fetched again.</source>
        <translation>Un archivo del servidor del centro llegó dañado; se volverá a descargar.</translation>
    </message>
    <message>
        <source>The server answered with status {status}.</source>
        <translation>El servidor respondió con el código {status}.</translation>
    </message>
    <message>
        <source>The answer was not the sync protocol&apos;s JSON, or lacked a part of it.</source>
        <translation>La respuesta no era el JSON del protocolo de sincronización, o le faltaba una parte.</translation>
    </message>
    <message>
        <source>The answer was larger than the {limit} bytes it may be; reading stopped there.</source>
        <translation>La respuesta era mayor que los {limit} bytes que puede tener; se dejó de leer ahí.</translation>
    </message>
    <message>
        <source>The answer was still arriving after {seconds} seconds; reading stopped there.</source>
        <translation>La respuesta seguía llegando después de {seconds} segundos; se dejó de leer ahí.</translation>
    </message>
    <message>
        <source>The answer was cut off before its end.</source>
        <translation>La respuesta se cortó antes de terminar.</translation>
    </message>
    <message>
        <source>The answer gave {answered} results for {sent} changes sent.</source>
        <translation>La respuesta dio {answered} resultados para {sent} cambios enviados.</translation>
    </message>
    <message>
        <source>The answer named a change that was not sent.</source>
        <translation>La respuesta nombraba un cambio que no se había enviado.</translation>
    </message>
    <message>
        <source>The answer named the same change twice.</source>
        <translation>La respuesta nombraba el mismo cambio dos veces.</translation>
    </message>
    <message>
        <source>The answer said more changes were waiting but did not move on to them.</source>
        <translation>La respuesta decía que había más cambios esperando, pero no avanzaba hacia ellos.</translation>
    </message>
    <message>
        <source>This class data was copied from another computer, so it cannot sync as that computer. Connect it to the school server again (Settings) with a new code from IT; everything on this computer is kept and sent.</source>
        <translation>Estos datos de la clase se copiaron de otro ordenador, así que no pueden sincronizarse como ese ordenador. Vuelve a conectarlo al servidor del colegio (Ajustes) con un código nuevo de TI; todo lo que hay en este ordenador se conserva y se envía.</translation>
    </message>
</context>
<context>
    <name>EventKinds</name>
    <message>
        <source>Register mark</source>
        <translation>Marca de asistencia</translation>
    </message>
    <message>
        <source>Point</source>
        <translation>Punto</translation>
    </message>
    <message>
        <source>Point undone</source>
        <translation>Punto deshecho</translation>
    </message>
    <message>
        <source>New class</source>
        <translation>Clase nueva</translation>
    </message>
    <message>
        <source>Class goal</source>
        <translation>Meta de la clase</translation>
    </message>
    <message>
        <source>Next year&apos;s class</source>
        <translation>Clase del curso siguiente</translation>
    </message>
    <message>
        <source>Class teacher</source>
        <translation>Docente de la clase</translation>
    </message>
    <message>
        <source>Class change</source>
        <translation>Cambio en la clase</translation>
    </message>
    <message>
        <source>Family member added</source>
        <translation>Familiar añadido</translation>
    </message>
    <message>
        <source>Family member removed</source>
        <translation>Familiar quitado</translation>
    </message>
    <message>
        <source>Message read</source>
        <translation>Mensaje leído</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Ajuste</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>Habilidad</translation>
    </message>
    <message>
        <source>Skill order</source>
        <translation>Orden de las habilidades</translation>
    </message>
    <message>
        <source>Member of staff</source>
        <translation>Miembro del personal</translation>
    </message>
    <message>
        <source>Staff PIN</source>
        <translation>PIN del personal</translation>
    </message>
    <message>
        <source>Story post deleted</source>
        <translation>Publicación borrada</translation>
    </message>
    <message>
        <source>Story post</source>
        <translation>Publicación</translation>
    </message>
    <message>
        <source>Story post change</source>
        <translation>Cambio en una publicación</translation>
    </message>
    <message>
        <source>New student</source>
        <translation>Alumno nuevo</translation>
    </message>
    <message>
        <source>Student change</source>
        <translation>Cambio en un alumno</translation>
    </message>
    <message>
        <source>Daily target</source>
        <translation>Objetivo del día</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Welcome to Dojo Desktop</source>
        <translation>Te damos la bienvenida a Dojo Desktop</translation>
    </message>
    <message>
        <source>Everything is saved on this computer first, so it works without the internet.</source>
        <translation>Todo se guarda primero en este ordenador, así que funciona sin internet.</translation>
    </message>
    <message>
        <source>Try the demo class</source>
        <translation>Probar la clase de ejemplo</translation>
    </message>
    <message>
        <source>Create my class</source>
        <translation>Crear mi clase</translation>
    </message>
    <message>
        <source>Import students from a CSV file…</source>
        <translation>Importar alumnos de un archivo CSV…</translation>
    </message>
</context>
<context>
    <name>GoalTool</name>
    <message>
        <source>Reward</source>
        <translation>Recompensa</translation>
    </message>
    <message>
        <source>Progress towards the goal</source>
        <translation>Progreso hacia la meta</translation>
    </message>
    <message>
        <source>Points towards the goal</source>
        <translation>Puntos hacia la meta</translation>
    </message>
    <message>
        <source> points</source>
        <translation> puntos</translation>
    </message>
    <message>
        <source>Goal in points</source>
        <translation>Meta en puntos</translation>
    </message>
    <message>
        <source>The reward the class chose</source>
        <translation>La recompensa que eligió la clase</translation>
    </message>
    <message>
        <source>Reward the class chose</source>
        <translation>Recompensa que eligió la clase</translation>
    </message>
    <message>
        <source>Save goal</source>
        <translation>Guardar la meta</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Set a goal: points to earn together, and a reward.</source>
        <translation>Fija una meta: puntos para ganar juntos y una recompensa.</translation>
    </message>
    <message>
        <source>Our class goal</source>
        <translation>La meta de nuestra clase</translation>
    </message>
    <message>
        <source>Goal reached! {total} of {target} points</source>
        <translation>¡Meta alcanzada! {total} de {target} puntos</translation>
    </message>
    <message>
        <source>{total} of {target} points</source>
        <translation>{total} de {target} puntos</translation>
    </message>
</context>
<context>
    <name>GroupTool</name>
    <message>
        <source>Groups of</source>
        <translation>Grupos de</translation>
    </message>
    <message>
        <source>Number of groups</source>
        <translation>Número de grupos</translation>
    </message>
    <message>
        <source>One fewer</source>
        <translation>Uno menos</translation>
    </message>
    <message>
        <source>One more</source>
        <translation>Uno más</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>Al azar</translation>
    </message>
    <message>
        <source>Balanced by points</source>
        <translation>Equilibrados por puntos</translation>
    </message>
    <message>
        <source>Make groups</source>
        <translation>Hacer grupos</translation>
    </message>
    <message>
        <source>First child to keep apart</source>
        <translation>Primer niño que separar</translation>
    </message>
    <message>
        <source>Second child to keep apart</source>
        <translation>Segundo niño que separar</translation>
    </message>
    <message>
        <source>Keep apart</source>
        <translation>Separar</translation>
    </message>
    <message>
        <source>Children kept apart</source>
        <translation>Niños separados</translation>
    </message>
    <message>
        <source>Clear pairs</source>
        <translation>Quitar parejas</translation>
    </message>
    <message>
        <source>Stop keeping children apart</source>
        <translation>Dejar de separar a los niños</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Grupos</translation>
    </message>
    <message>
        <source>Children in each group: {n}</source>
        <translation>Niños en cada grupo: {n}</translation>
    </message>
    <message>
        <source>Number of groups: {n}</source>
        <translation>Número de grupos: {n}</translation>
    </message>
    <message>
        <source>Kept apart: {pairs}</source>
        <translation>Separados: {pairs}</translation>
    </message>
    <message>
        <source>No pairs kept apart</source>
        <translation>Ninguna pareja separada</translation>
    </message>
    <message>
        <source>Award group {n}</source>
        <translation>Premiar al grupo {n}</translation>
    </message>
    <message>
        <source>Choose the groups, then Make groups.</source>
        <translation>Elige los grupos y luego Hacer grupos.</translation>
    </message>
    <message>
        <source>Group {n}</source>
        <translation>Grupo {n}</translation>
    </message>
    <message>
        <source>Group {n}: {names}</source>
        <translation>Grupo {n}: {names}</translation>
    </message>
    <message>
        <source>Award</source>
        <translation>Premiar</translation>
    </message>
</context>
<context>
    <name>ImportProblemsDialog</name>
    <message>
        <source>Problems in {file}</source>
        <translation>Problemas en {file}</translation>
    </message>
    <message>
        <source>Problems in the roster file</source>
        <translation>Problemas en el archivo de la lista</translation>
    </message>
    <message>
        <source>Nothing was imported. Fix these lines and import again:</source>
        <translation>No se ha importado nada. Corrige estas líneas y vuelve a importar:</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <source>Copy the problems</source>
        <translation>Copiar los problemas</translation>
    </message>
    <message>
        <source>Copies the list so you can paste it into an email or a note</source>
        <translation>Copia la lista para pegarla en un correo o una nota</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <source>Line {line}, column “{column}”: {message}</source>
        <translation>Línea {line}, columna «{column}»: {message}</translation>
    </message>
    <message>
        <source>Line {line}: {message}</source>
        <translation>Línea {line}: {message}</translation>
    </message>
</context>
<context>
    <name>LessonToolsSheet</name>
    <message>
        <source>Lesson tools</source>
        <translation>Herramientas de clase</translation>
    </message>
    <message>
        <source>Timer</source>
        <translation>Temporizador</translation>
    </message>
    <message>
        <source>Random picker</source>
        <translation>Selector al azar</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Grupos</translation>
    </message>
    <message>
        <source>Class goal</source>
        <translation>Meta de la clase</translation>
    </message>
    <message>
        <source>Noise meter</source>
        <translation>Medidor de ruido</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the lesson tools</source>
        <translation>Cerrar las herramientas de clase</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dojo Desktop</source>
        <translation>Dojo Desktop</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Alumnos</translation>
    </message>
    <message>
        <source>Award {name}</source>
        <translation>Premiar a {name}</translation>
    </message>
    <message>
        <source>Award the whole class</source>
        <translation>Premiar a toda la clase</translation>
    </message>
    <message>
        <source>Award {count} students</source>
        <translation>Premiar a {count} alumnos</translation>
    </message>
    <message>
        <source>Needs work for everyone?</source>
        <translation>¿A mejorar para todos?</translation>
    </message>
    <message>
        <source>Give “{skill}” ({points}) to all {count} children?</source>
        <translation>¿Dar «{skill}» ({points}) a los {count} niños?</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Give it to all {count}</source>
        <translation>Dárselo a los {count}</translation>
    </message>
    <message>
        <source>Whole class</source>
        <translation>Toda la clase</translation>
    </message>
    <message>
        <source>{count} students</source>
        <translation>{count} alumnos</translation>
    </message>
    <message>
        <source>Award undone.</source>
        <translation>Premio deshecho.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>No se ha guardado</translation>
    </message>
</context>
<context>
    <name>MessageComposer</name>
    <message>
        <source>Start on a positive note</source>
        <translation>Empieza con algo positivo</translation>
    </message>
    <message>
        <source>Positive note heading</source>
        <translation>Encabezado de lo positivo</translation>
    </message>
    <message>
        <source>Recent positive moments</source>
        <translation>Momentos positivos recientes</translation>
    </message>
    <message>
        <source>Mention this</source>
        <translation>Mencionar esto</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>Texto del mensaje</translation>
    </message>
    <message>
        <source>Write to the family…</source>
        <translation>Escribe a la familia…</translation>
    </message>
    <message>
        <source>Urgent: send now, even outside working hours</source>
        <translation>Urgente: enviar ahora, aunque sea fuera del horario de trabajo</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>When it arrives</source>
        <translation>Cuándo llega</translation>
    </message>
    <message>
        <source>My hours…</source>
        <translation>Mi horario…</translation>
    </message>
    <message>
        <source>My hours for messages</source>
        <translation>Mi horario de mensajes</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Message status</source>
        <translation>Estado del mensaje</translation>
    </message>
    <message>
        <source>{name} was recognised for {skill} recently.</source>
        <translation>Hace poco se reconoció a {name} por {skill}.</translation>
    </message>
    <message>
        <source>a picture</source>
        <translation>una imagen</translation>
    </message>
    <message>
        <source>Story: {text}</source>
        <translation>Historia: {text}</translation>
    </message>
    <message>
        <source>{name} shared “{text}” on the class story.</source>
        <translation>{name} ha compartido «{text}» en la historia de la clase.</translation>
    </message>
    <message>
        <source>No awards or approved work in the last two weeks.</source>
        <translation>No hay premios ni trabajos aprobados en las dos últimas semanas.</translation>
    </message>
    <message>
        <source>Sends now.</source>
        <translation>Se envía ahora.</translation>
    </message>
    <message>
        <source>Quiet hours: arrives {when}.</source>
        <translation>Fuera de horario: llegará el {when}.</translation>
    </message>
    <message>
        <source>Wait a moment: a file is still being checked.</source>
        <translation>Espera un momento: todavía se está comprobando un archivo.</translation>
    </message>
    <message>
        <source>Sent. It goes when this computer reaches the school server.</source>
        <translation>Enviado. Saldrá cuando este ordenador se conecte con el servidor del centro.</translation>
    </message>
    <message>
        <source>Scheduled: families get it {when}.</source>
        <translation>Programado: las familias lo recibirán el {when}.</translation>
    </message>
</context>
<context>
    <name>MessageHoursDialog</name>
    <message>
        <source>School hours for messages</source>
        <translation>Horario del centro para los mensajes</translation>
    </message>
    <message>
        <source>My hours for messages</source>
        <translation>Mi horario de mensajes</translation>
    </message>
    <message>
        <source>Messages written outside these hours reach families at the next start. Every teacher&apos;s own hours fit inside them.</source>
        <translation>Los mensajes escritos fuera de este horario llegan a las familias al comenzar el siguiente. El horario de cada docente queda dentro de este.</translation>
    </message>
    <message>
        <source>The school sends messages {start}–{end} on {days}. Yours must fit inside.</source>
        <translation>El centro envía mensajes de {start} a {end} los días {days}. Tu horario tiene que quedar dentro de ese.</translation>
    </message>
    <message>
        <source>The school&apos;s hours</source>
        <translation>Horario del centro</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Hours status</source>
        <translation>Estado del horario</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Días</translation>
    </message>
    <message>
        <source>Choose an end after the start, and at least one day.</source>
        <translation>Elige una hora de fin posterior a la de inicio y al menos un día.</translation>
    </message>
</context>
<context>
    <name>MessageSheet</name>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
</context>
<context>
    <name>MessagesDialog</name>
    <message>
        <source>Messages</source>
        <translation>Mensajes</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversaciones</translation>
    </message>
    <message>
        <source>Conversation with</source>
        <translation>Conversación con</translation>
    </message>
    <message>
        <source>Messages in this conversation</source>
        <translation>Mensajes de esta conversación</translation>
    </message>
    <message>
        <source>Announcement to all families of {name}</source>
        <translation>Aviso para todas las familias de {name}</translation>
    </message>
    <message>
        <source>{count} new</source>
        <translation>{count} sin leer</translation>
    </message>
    <message>
        <source>No messages yet.</source>
        <translation>Todavía no hay mensajes.</translation>
    </message>
    <message>
        <source>Every family of {name} ({count} family members have joined)</source>
        <translation>Todas las familias de {name} (familiares que se han unido: {count})</translation>
    </message>
    <message>
        <source>{name}: no family member has joined yet. Messages wait for them.</source>
        <translation>{name}: todavía no se ha unido ningún familiar. Los mensajes esperarán a que se unan.</translation>
    </message>
    <message>
        <source>{name}&apos;s family: {guardians}</source>
        <translation>Familia de {name}: {guardians}</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal del centro</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <source>Attached: {files}</source>
        <translation>Adjuntos: {files}</translation>
    </message>
    <message>
        <source>Not sent: the school server refused it (see the sync details)</source>
        <translation>No enviado: el servidor del centro lo rechazó (mira los detalles de la sincronización)</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Pendiente de envío</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>arrives {when}</source>
        <translation>llegará el {when}</translation>
    </message>
    <message>
        <source>read by {read} of {of} guardians</source>
        <translation>leído por {read} de {of} familiares</translation>
    </message>
</context>
<context>
    <name>MyPinDialog</name>
    <message>
        <source>My PIN for the boards</source>
        <translation>Mi PIN para las pizarras</translation>
    </message>
    <message>
        <source>On a classroom&apos;s board you pick your name and type this PIN before a post, a message or an approval goes out as you. Use 4 to 6 digits, not your password.</source>
        <translation>En la pizarra de un aula eliges tu nombre y escribes este PIN antes de que una publicación, un mensaje o una aprobación salga en tu nombre. Usa de 4 a 6 cifras, no tu contraseña.</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>PIN nuevo</translation>
    </message>
    <message>
        <source>New PIN again</source>
        <translation>PIN nuevo otra vez</translation>
    </message>
    <message>
        <source>PIN problem</source>
        <translation>Problema con el PIN</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>Otra vez</translation>
    </message>
</context>
<context>
    <name>NewClassDialog</name>
    <message>
        <source>New class</source>
        <translation>Clase nueva</translation>
    </message>
    <message>
        <source>Class name</source>
        <translation>Nombre de la clase</translation>
    </message>
    <message>
        <source>e.g. 4B</source>
        <translation>p. ej., 4.º B</translation>
    </message>
    <message>
        <source>Year group</source>
        <translation>Curso</translation>
    </message>
    <message>
        <source>e.g. Year 4</source>
        <translation>p. ej., 4.º de primaria</translation>
    </message>
    <message>
        <source>&amp;Class name</source>
        <translation>&amp;Nombre de la clase</translation>
    </message>
    <message>
        <source>&amp;Year group (optional)</source>
        <translation>&amp;Curso (opcional)</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Create class</source>
        <translation>Crear la clase</translation>
    </message>
</context>
<context>
    <name>NewClassPrompt</name>
    <message>
        <source>This year&apos;s class</source>
        <translation>La clase de este curso</translation>
    </message>
    <message>
        <source>{name} is this year&apos;s class for this board. Open it?</source>
        <translation>{name} es la clase de este curso para esta pizarra. ¿Abrirla?</translation>
    </message>
    <message>
        <source>Open it</source>
        <translation>Abrirla</translation>
    </message>
    <message>
        <source>Open {name}</source>
        <translation>Abrir {name}</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
</context>
<context>
    <name>NoiseTool</name>
    <message>
        <source>Noise level</source>
        <translation>Nivel de ruido</translation>
    </message>
    <message>
        <source>Noise meter status</source>
        <translation>Estado del medidor de ruido</translation>
    </message>
    <message>
        <source>Start listening</source>
        <translation>Empezar a escuchar</translation>
    </message>
    <message>
        <source>Quiet line lower</source>
        <translation>Bajar la línea</translation>
    </message>
    <message>
        <source>Move the quiet line lower</source>
        <translation>Mover la línea de silencio más abajo</translation>
    </message>
    <message>
        <source>Quiet line higher</source>
        <translation>Subir la línea</translation>
    </message>
    <message>
        <source>Move the quiet line higher</source>
        <translation>Mover la línea de silencio más arriba</translation>
    </message>
    <message>
        <source>No microphone was found, so the noise meter cannot listen. Plug one in and try again.</source>
        <translation>No se ha encontrado ningún micrófono, así que el medidor de ruido no puede escuchar. Conecta uno y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>Press Start listening to show how loud the room is.</source>
        <translation>Pulsa Empezar a escuchar para ver cuánto ruido hay en el aula.</translation>
    </message>
    <message>
        <source>Too loud</source>
        <translation>Demasiado ruido</translation>
    </message>
    <message>
        <source>Nice and quiet</source>
        <translation>Muy bien, en silencio</translation>
    </message>
    <message>
        <source>Stop listening</source>
        <translation>Dejar de escuchar</translation>
    </message>
    <message>
        <source>Level {level} of 100, quiet line at {quiet}</source>
        <translation>Nivel {level} de 100, línea de silencio en {quiet}</translation>
    </message>
</context>
<context>
    <name>PairingDialog</name>
    <message>
        <source>Connect to school server</source>
        <translation>Conectar con el servidor del centro</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>Enrollment code</source>
        <translation>Código de alta</translation>
    </message>
    <message>
        <source>School certificate authority (optional)</source>
        <translation>Autoridad de certificación del centro (opcional)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Choose certificate file</source>
        <translation>Elegir el archivo de certificados</translation>
    </message>
    <message>
        <source>Connection message</source>
        <translation>Mensaje de la conexión</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>Set by your school&apos;s IT</source>
        <translation>Establecido por el servicio informático del centro</translation>
    </message>
    <message>
        <source>Enrollment code from IT</source>
        <translation>Código de alta que da el servicio informático</translation>
    </message>
    <message>
        <source>School CA bundle</source>
        <translation>Certificados de la autoridad del centro</translation>
    </message>
    <message>
        <source>Certificate authority bundle</source>
        <translation>Paquete de la autoridad de certificación</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>Certificados (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Enter the server address and the code from IT.</source>
        <translation>Escribe la dirección del servidor y el código del servicio informático.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>Conectado.</translation>
    </message>
</context>
<context>
    <name>PickerTool</name>
    <message>
        <source>Picked child&apos;s picture</source>
        <translation>Imagen del niño elegido</translation>
    </message>
    <message>
        <source>Picked child</source>
        <translation>Niño elegido</translation>
    </message>
    <message>
        <source>Turns left</source>
        <translation>Turnos que quedan</translation>
    </message>
    <message>
        <source>Pick a child</source>
        <translation>Elegir a un niño</translation>
    </message>
    <message>
        <source>Award</source>
        <translation>Premiar</translation>
    </message>
    <message>
        <source>Award {name}</source>
        <translation>Premiar a {name}</translation>
    </message>
    <message>
        <source>Nobody is marked in school today.</source>
        <translation>Hoy nadie está marcado como presente.</translation>
    </message>
    <message>
        <source>Who will it be?</source>
        <translation>¿Quién será?</translation>
    </message>
    <message>
        <source>{count} still to have a turn</source>
        <translation>Faltan {count} por tener su turno</translation>
    </message>
    <message>
        <source>Everyone has had a turn: a new round starts with the next pick</source>
        <translation>Todos han tenido su turno: la próxima elección empieza otra ronda</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Type your PIN</source>
        <translation>Escribe tu PIN</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Tu nombre</translation>
    </message>
    <message>
        <source>This speaks for you: type your PIN.</source>
        <translation>Esto habla en tu nombre: escribe tu PIN.</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>PIN problem</source>
        <translation>Problema con el PIN</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>Borrar la última cifra</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>{name} has no PIN yet. Set one on your own computer, or ask IT.</source>
        <translation>{name} todavía no tiene PIN. Ponlo en tu propio ordenador o pídelo al equipo de informática.</translation>
    </message>
    <message>
        <source>That PIN is not right. 1 try left before a wait.</source>
        <translation>Ese PIN no es correcto. Queda 1 intento antes de una espera.</translation>
    </message>
    <message>
        <source>That PIN is not right. {count} tries left before a wait.</source>
        <translation>Ese PIN no es correcto. Quedan {count} intentos antes de una espera.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {seconds} s.</source>
        <translation>Demasiados PIN incorrectos. Inténtalo de nuevo en {seconds} s.</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>The class database could not be read</source>
        <translation>No se ha podido leer la base de datos de la clase</translation>
    </message>
    <message>
        <source>Dojo Desktop found its class database damaged, so it cannot show your classes from it. It kept the damaged file as {file} in {folder}: nothing was deleted, and IT can look at it.</source>
        <translation>Dojo Desktop ha encontrado dañada la base de datos de la clase y no puede mostrar sus clases a partir de ella. Ha guardado el archivo dañado como {file} en {folder}: no se ha borrado nada e IT puede revisarlo.</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Qué ha pasado</translation>
    </message>
    <message>
        <source>What you can do</source>
        <translation>Qué puede hacer</translation>
    </message>
    <message>
        <source>Start with an empty class database</source>
        <translation>Empezar con una base de datos vacía</translation>
    </message>
    <message>
        <source>There is no backup to restore. Start with an empty class database; if this computer was connected to the school server, connect it again to download the school&apos;s classes.</source>
        <translation>No hay ninguna copia de seguridad que restaurar. Empiece con una base de datos vacía; si este equipo estaba conectado al servidor del colegio, vuelva a conectarlo para descargar las clases del colegio.</translation>
    </message>
    <message>
        <source>Restore the backup from {when}</source>
        <translation>Restaurar la copia de seguridad del {when}</translation>
    </message>
    <message>
        <source>Points and changes made on this computer after that are not in it.</source>
        <translation>Los puntos y cambios hechos en este equipo después no están en ella.</translation>
    </message>
    <message>
        <source>This computer is connected to the school server: what it had already sent comes back when it syncs.</source>
        <translation>Este equipo está conectado al servidor del colegio: lo que ya había enviado volverá al sincronizar.</translation>
    </message>
    <message>
        <source>The latest backup is {age}. {lacks}</source>
        <translation>La copia de seguridad más reciente tiene {age}. {lacks}</translation>
    </message>
    <message>
        <source>less than an hour old</source>
        <translation>menos de una hora</translation>
    </message>
    <message>
        <source>{hours} hours old</source>
        <translation>{hours} horas</translation>
    </message>
    <message>
        <source>{days} days old</source>
        <translation>{days} días</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Register: {name}, {day}</source>
        <translation>Lista: {name}, {day}</translation>
    </message>
    <message>
        <source>Register summary</source>
        <translation>Resumen de la lista</translation>
    </message>
    <message>
        <source>Everyone else present</source>
        <translation>Todos los demás presentes</translation>
    </message>
    <message>
        <source>Close the register</source>
        <translation>Cerrar la lista</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Presente</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Tarde</translation>
    </message>
    <message>
        <source>Left early</source>
        <translation>Salió antes</translation>
    </message>
    <message>
        <source>{name}: {mark}</source>
        <translation>{name}: {mark}</translation>
    </message>
    <message>
        <source>This class has no students yet.</source>
        <translation>Esta clase aún no tiene alumnos.</translation>
    </message>
    <message>
        <source>{present} in school, {absent} absent, {waiting} not marked yet</source>
        <translation>{present} en el colegio, {absent} ausentes, {waiting} sin marcar</translation>
    </message>
</context>
<context>
    <name>RosterEditorDialog</name>
    <message>
        <source>Students in {name}</source>
        <translation>Alumnos de {name}</translation>
    </message>
    <message>
        <source>Import from CSV…</source>
        <translation>Importar de CSV…</translation>
    </message>
    <message>
        <source>Add many students from a spreadsheet saved as CSV</source>
        <translation>Añade muchos alumnos de una hoja de cálculo guardada como CSV</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Alumnos</translation>
    </message>
    <message>
        <source>Show archived students</source>
        <translation>Mostrar los alumnos archivados</translation>
    </message>
    <message>
        <source>Add a student</source>
        <translation>Añadir un alumno</translation>
    </message>
    <message>
        <source>New student&apos;s first name</source>
        <translation>Nombre del alumno nuevo</translation>
    </message>
    <message>
        <source>New student&apos;s last name</source>
        <translation>Apellidos del alumno nuevo</translation>
    </message>
    <message>
        <source>&amp;First name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>&amp;Last name (optional)</source>
        <translation>&amp;Apellidos (opcional)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Añadir</translation>
    </message>
    <message>
        <source>Add student</source>
        <translation>Añadir alumno</translation>
    </message>
    <message>
        <source>Problem adding</source>
        <translation>Problema al añadir</translation>
    </message>
    <message>
        <source>Selected student</source>
        <translation>Alumno elegido</translation>
    </message>
    <message>
        <source>Avatar</source>
        <translation>Avatar</translation>
    </message>
    <message>
        <source>Change avatar…</source>
        <translation>Cambiar el avatar…</translation>
    </message>
    <message>
        <source>Selected student&apos;s first name</source>
        <translation>Nombre del alumno elegido</translation>
    </message>
    <message>
        <source>Selected student&apos;s last name</source>
        <translation>Apellidos del alumno elegido</translation>
    </message>
    <message>
        <source>First na&amp;me</source>
        <translation>No&amp;mbre</translation>
    </message>
    <message>
        <source>Last nam&amp;e</source>
        <translation>Ap&amp;ellidos</translation>
    </message>
    <message>
        <source>Save name</source>
        <translation>Guardar el nombre</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archivar</translation>
    </message>
    <message>
        <source>Problem saving</source>
        <translation>Problema al guardar</translation>
    </message>
    <message>
        <source>{name} (archived)</source>
        <translation>{name} (archivado)</translation>
    </message>
    <message>
        <source>Show archived students ({count})</source>
        <translation>Mostrar los alumnos archivados ({count})</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Recuperar</translation>
    </message>
    <message>
        <source>No student selected</source>
        <translation>Ningún alumno elegido</translation>
    </message>
    <message>
        <source>Added {name}.</source>
        <translation>Se ha añadido a {name}.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <source>{name} is back in the class.</source>
        <translation>{name} vuelve a estar en la clase.</translation>
    </message>
    <message>
        <source>{name} is archived; their points history is kept.</source>
        <translation>{name} está archivado; se conserva su historial de puntos.</translation>
    </message>
    <message>
        <source>Avatar changed.</source>
        <translation>Avatar cambiado.</translation>
    </message>
</context>
<context>
    <name>RosterGrid</name>
    <message>
        <source>Students</source>
        <translation>Alumnos</translation>
    </message>
    <message>
        <source>No students in this class yet.</source>
        <translation>Todavía no hay alumnos en esta clase.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Settings message</source>
        <translation>Mensaje de ajustes</translation>
    </message>
    <message>
        <source>School server</source>
        <translation>Servidor del centro</translation>
    </message>
    <message>
        <source>School certificate authority bundle</source>
        <translation>Paquete de autoridad de certificación del centro</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Choose certificate file</source>
        <translation>Elegir el archivo de certificados</translation>
    </message>
    <message>
        <source>School CA bundle</source>
        <translation>Certificados de la autoridad del centro</translation>
    </message>
    <message>
        <source>Hide points and needs-work on the big screen</source>
        <translation>Ocultar los puntos y lo que hay que mejorar en la pantalla grande</translation>
    </message>
    <message>
        <source>Projector privacy</source>
        <translation>Privacidad del proyector</translation>
    </message>
    <message>
        <source>Play a sound for each award</source>
        <translation>Reproducir un sonido con cada punto</translation>
    </message>
    <message>
        <source>Sound</source>
        <translation>Sonido</translation>
    </message>
    <message>
        <source>Start full screen (whiteboard mode)</source>
        <translation>Iniciar a pantalla completa (modo pizarra)</translation>
    </message>
    <message>
        <source>Whiteboard</source>
        <translation>Pizarra</translation>
    </message>
    <message>
        <source>Read from</source>
        <translation>Leer desde</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Iniciar al entrar en la sesión</translation>
    </message>
    <message>
        <source>Some settings are managed by your school&apos;s IT ({source}).</source>
        <translation>Algunos ajustes los gestiona el servicio informático del centro ({source}).</translation>
    </message>
    <message>
        <source>Managed settings</source>
        <translation>Ajustes gestionados</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Connected to {url}</source>
        <translation>Conectado a {url}</translation>
    </message>
    <message>
        <source>Will connect to {url}</source>
        <translation>Se conectará a {url}</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Sin conectar</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>Conectar…</translation>
    </message>
    <message>
        <source>Connect to school server</source>
        <translation>Conectar con el servidor del centro</translation>
    </message>
    <message>
        <source>Read from how far away</source>
        <translation>Desde qué distancia se lee</translation>
    </message>
    <message>
        <source>Usual distance (6 m from a board, 0.6 m at a desk)</source>
        <translation>Distancia habitual (6 m de una pizarra, 0,6 m en una mesa)</translation>
    </message>
    <message>
        <source>{metres} m</source>
        <translation>{metres} m</translation>
    </message>
    <message>
        <source>Set by your school&apos;s IT ({source})</source>
        <translation>Establecido por el servicio informático del centro ({source})</translation>
    </message>
    <message>
        <source>Set by your school&apos;s IT</source>
        <translation>Establecido por el servicio informático del centro</translation>
    </message>
    <message>
        <source>Not set up on this computer (IT sets it when installing)</source>
        <translation>No configurado en este ordenador (lo configura el equipo informático al instalar)</translation>
    </message>
    <message>
        <source>On (set by your school&apos;s IT)</source>
        <translation>Activado (establecido por el servicio informático del centro)</translation>
    </message>
    <message>
        <source>Off (set by your school&apos;s IT)</source>
        <translation>Desactivado (establecido por el servicio informático del centro)</translation>
    </message>
    <message>
        <source>Certificate authority bundle</source>
        <translation>Paquete de la autoridad de certificación</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>Certificados (*.pem *.crt)</translation>
    </message>
</context>
<context>
    <name>SetupScreens</name>
    <message>
        <source>Import finished</source>
        <translation>Importación terminada</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>No se ha importado nada</translation>
    </message>
</context>
<context>
    <name>SkillButton</name>
    <message>
        <source>{name}, {points}</source>
        <translation>{name}, {points}</translation>
    </message>
</context>
<context>
    <name>SkillEditorDialog</name>
    <message>
        <source>Skills</source>
        <translation>Habilidades</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Add skill</source>
        <translation>Añadir habilidad</translation>
    </message>
    <message>
        <source>Add a skill for this class</source>
        <translation>Añadir una habilidad para esta clase</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Subir</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Bajar</translation>
    </message>
    <message>
        <source>New skill</source>
        <translation>Habilidad nueva</translation>
    </message>
    <message>
        <source>Skill name</source>
        <translation>Nombre de la habilidad</translation>
    </message>
    <message>
        <source>e.g. Kindness</source>
        <translation>p. ej., Amabilidad</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>Icon</source>
        <translation>Icono</translation>
    </message>
    <message>
        <source>Icon: {name}</source>
        <translation>Icono: {name}</translation>
    </message>
    <message>
        <source>&amp;Positive</source>
        <translation>&amp;Positiva</translation>
    </message>
    <message>
        <source>Needs &amp;work</source>
        <translation>A &amp;mejorar</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <source>One point less</source>
        <translation>Un punto menos</translation>
    </message>
    <message>
        <source>One point more</source>
        <translation>Un punto más</translation>
    </message>
    <message>
        <source>P&amp;oints</source>
        <translation>P&amp;untos</translation>
    </message>
    <message>
        <source>What earns this</source>
        <translation>Qué lo merece</translation>
    </message>
    <message>
        <source>e.g. Helped a classmate without being asked</source>
        <translation>p. ej., Ayudó a un compañero sin que se lo pidieran</translation>
    </message>
    <message>
        <source>What &amp;earns this</source>
        <translation>&amp;Qué lo merece</translation>
    </message>
    <message>
        <source>Only for this class</source>
        <translation>Solo para esta clase</translation>
    </message>
    <message>
        <source>Unticked, every class in the school uses this skill.</source>
        <translation>Sin marcar, todas las clases del centro usan esta habilidad.</translation>
    </message>
    <message>
        <source>Why this skill cannot be changed here</source>
        <translation>Por qué esta habilidad no se puede cambiar aquí</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archivar</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>{skill} (archived)</source>
        <translation>{skill} (archivada)</translation>
    </message>
    <message>
        <source>Edit skill</source>
        <translation>Editar la habilidad</translation>
    </message>
    <message>
        <source>Only a school leader can add a skill every class uses. Choose a class to add a skill for it.</source>
        <translation>Solo un responsable de la escuela puede añadir una habilidad para todas las clases. Elija una clase para añadirle una habilidad.</translation>
    </message>
    <message>
        <source>Every class in the school uses this skill, so only a school leader can change it. To reward something else, add a skill for this class.</source>
        <translation>Todas las clases de la escuela usan esta habilidad, así que solo un responsable de la escuela puede cambiarla. Para premiar otra cosa, añada una habilidad para esta clase.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Recuperar</translation>
    </message>
    <message>
        <source>Saved “{name}”.</source>
        <translation>Se ha guardado «{name}».</translation>
    </message>
    <message>
        <source>“{name}” is back in the picker.</source>
        <translation>«{name}» vuelve a estar en el selector.</translation>
    </message>
    <message>
        <source>“{name}” is archived; past awards keep it.</source>
        <translation>«{name}» está archivada; los premios anteriores la conservan.</translation>
    </message>
</context>
<context>
    <name>SkillPicker</name>
    <message>
        <source>Skills</source>
        <translation>Habilidades</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>My story…</source>
        <translation>Mi historia…</translation>
    </message>
    <message>
        <source>My story</source>
        <translation>Mi historia</translation>
    </message>
    <message>
        <source>Well done</source>
        <translation>¡Bien hecho!</translation>
    </message>
    <message>
        <source>Needs work</source>
        <translation>A mejorar</translation>
    </message>
</context>
<context>
    <name>SoundAndPrivacy</name>
    <message>
        <source>Set by your school&apos;s IT ({source})</source>
        <translation>Establecido por el servicio informático del centro ({source})</translation>
    </message>
</context>
<context>
    <name>SoundPlayer</name>
    <message>
        <source>No sound device was found, so awards are silent.</source>
        <translation>No se ha encontrado ningún dispositivo de sonido, así que los premios no suenan.</translation>
    </message>
    <message>
        <source>The award sounds could not be loaded, so awards are silent.</source>
        <translation>No se han podido cargar los sonidos de los premios, así que no suenan.</translation>
    </message>
    <message>
        <source>Connect speakers or headphones, or check this computer&apos;s sound settings. Sound comes back by itself once a device is found.</source>
        <translation>Conecta altavoces o auriculares, o revisa la configuración de sonido del ordenador. El sonido vuelve solo en cuanto se detecta un dispositivo.</translation>
    </message>
    <message>
        <source>Reinstall Dojo Desktop to put the sound files back.</source>
        <translation>Reinstala Dojo Desktop para recuperar los archivos de sonido.</translation>
    </message>
</context>
<context>
    <name>StoryApprovalsDialog</name>
    <message>
        <source>Story approvals</source>
        <translation>Historias por aprobar</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>Pendientes de aprobación</translation>
    </message>
    <message>
        <source>Item text</source>
        <translation>Texto de la entrada</translation>
    </message>
    <message>
        <source>Item files</source>
        <translation>Archivos de la entrada</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>Abrir archivo</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Aprobar</translation>
    </message>
    <message>
        <source>Comment for the student</source>
        <translation>Comentario para el alumno</translation>
    </message>
    <message>
        <source>What should the student change?</source>
        <translation>¿Qué tiene que cambiar el alumno?</translation>
    </message>
    <message>
        <source>Return with comment</source>
        <translation>Devolver con un comentario</translation>
    </message>
    <message>
        <source>Approval status</source>
        <translation>Estado de la aprobación</translation>
    </message>
    <message>
        <source>Nothing is waiting. Well done!</source>
        <translation>No hay nada pendiente. ¡Buen trabajo!</translation>
    </message>
    <message>
        <source>That file has not reached this computer yet.</source>
        <translation>Ese archivo todavía no ha llegado a este ordenador.</translation>
    </message>
    <message>
        <source>Approved: {name}&apos;s families can see it now.</source>
        <translation>Aprobado: la familia de {name} ya puede verlo.</translation>
    </message>
    <message>
        <source>Returned to {name} with your comment.</source>
        <translation>Se ha devuelto a {name} con tu comentario.</translation>
    </message>
</context>
<context>
    <name>StudentHistoryDialog</name>
    <message>
        <source>History: {name}</source>
        <translation>Historial: {name}</translation>
    </message>
    <message>
        <source>Awards</source>
        <translation>Premios</translation>
    </message>
    <message>
        <source>Undo this award</source>
        <translation>Deshacer este premio</translation>
    </message>
    <message>
        <source>Daily target…</source>
        <translation>Objetivo del día…</translation>
    </message>
    <message>
        <source>Set {name}&apos;s daily target</source>
        <translation>Fijar el objetivo del día de {name}</translation>
    </message>
    <message>
        <source>{name}&apos;s avatar</source>
        <translation>Avatar de {name}</translation>
    </message>
    <message>
        <source>History of {name}</source>
        <translation>Historial de {name}</translation>
    </message>
    <message>
        <source>No awards yet.</source>
        <translation>Todavía no hay premios.</translation>
    </message>
    <message>
        <source>(undone)</source>
        <translation>(deshecho)</translation>
    </message>
</context>
<context>
    <name>StudentStoryDialog</name>
    <message>
        <source>My story: {name}</source>
        <translation>Mi historia: {name}</translation>
    </message>
    <message>
        <source>{name}, share something you are proud of</source>
        <translation>{name}, comparte algo que te haga sentir orgullo</translation>
    </message>
    <message>
        <source>My story heading</source>
        <translation>Encabezado de Mi historia</translation>
    </message>
    <message>
        <source>My teacher&apos;s comment</source>
        <translation>El comentario de mi profe</translation>
    </message>
    <message>
        <source>your picture</source>
        <translation>tu dibujo</translation>
    </message>
    <message>
        <source>Your teacher said about “{item}”: {comment}</source>
        <translation>Tu profe ha dicho sobre «{item}»: {comment}</translation>
    </message>
    <message>
        <source>What I want to say</source>
        <translation>Lo que quiero contar</translation>
    </message>
    <message>
        <source>Type a few words about it, or drag a picture here.</source>
        <translation>Cuéntalo con unas palabras o arrastra aquí una imagen.</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>Elegir un archivo…</translation>
    </message>
    <message>
        <source>My story status</source>
        <translation>Estado de Mi historia</translation>
    </message>
    <message>
        <source>Send to my teacher</source>
        <translation>Enviar a mi profe</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Wait a moment: your file is still being checked.</source>
        <translation>Espera un momento: todavía se está comprobando tu archivo.</translation>
    </message>
    <message>
        <source>Type a few words or choose a file first.</source>
        <translation>Primero escribe unas palabras o elige un archivo.</translation>
    </message>
    <message>
        <source>Thank you, {name}! Your teacher will look at it soon.</source>
        <translation>¡Gracias, {name}! Tu profe lo mirará muy pronto.</translation>
    </message>
</context>
<context>
    <name>StudentTile</name>
    <message>
        <source>{name}, 1 point</source>
        <translation>{name}, 1 punto</translation>
    </message>
    <message>
        <source>{name}, {points} points</source>
        <translation>{name}, {points} puntos</translation>
    </message>
    <message>
        <source>{text}, today&apos;s target reached</source>
        <translation>{text}, objetivo de hoy alcanzado</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Elegido</translation>
    </message>
</context>
<context>
    <name>SyncDetailsDialog</name>
    <message>
        <source>Sync details</source>
        <translation>Detalles de la sincronización</translation>
    </message>
    <message>
        <source>Server: {url}</source>
        <translation>Servidor: {url}</translation>
    </message>
    <message>
        <source>Last synced at {time}</source>
        <translation>Última sincronización a las {time}</translation>
    </message>
    <message>
        <source>The points of {classes} on this computer differed from the school server&apos;s. It downloaded the school&apos;s points again; they now agree.</source>
        <translation>Los puntos de {classes} en este ordenador no coincidían con los del servidor del centro. Se han vuelto a descargar los puntos del centro y ahora coinciden.</translation>
    </message>
    <message>
        <source>The points of {classes} on this computer differ from the school server&apos;s, even after downloading them again. Nothing was deleted; it will try again later. If this stays, tell IT.</source>
        <translation>Los puntos de {classes} en este ordenador no coinciden con los del servidor del centro, ni siquiera tras volver a descargarlos. No se ha borrado nada; se volverá a intentar más tarde. Si sigue así, avise a informática.</translation>
    </message>
    <message>
        <source>Last problem: {error}</source>
        <translation>Último problema: {error}</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is {minutes} minutes off the server&apos;s. Points are still kept in the right order; ask IT to fix the clock.</source>
        <translation>El reloj de este ordenador va {minutes} minutos desfasado respecto al del servidor. Los puntos se siguen guardando en el orden correcto; pide al servicio informático que ajuste el reloj.</translation>
    </message>
    <message>
        <source>Sync summary</source>
        <translation>Resumen de la sincronización</translation>
    </message>
    <message>
        <source>Not accepted by the server (kept here):</source>
        <translation>No aceptado por el servidor (se guarda aquí):</translation>
    </message>
    <message>
        <source>Events not accepted</source>
        <translation>Cambios no aceptados</translation>
    </message>
    <message>
        <source>Connect to school server…</source>
        <translation>Conectar con el servidor del centro…</translation>
    </message>
    <message>
        <source>What was wrong: {detail}</source>
        <translation>Qué falló: {detail}</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Sync: {text}</source>
        <translation>Sincronización: {text}</translation>
    </message>
    <message>
        <source>Not connected to a school server</source>
        <translation>Sin conexión con un servidor del centro</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Al día</translation>
    </message>
    <message>
        <source>Sync stopped</source>
        <translation>Sincronización detenida</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} en espera</translation>
    </message>
    <message>
        <source>points differ from the server&apos;s</source>
        <translation>los puntos no coinciden con el servidor</translation>
    </message>
    <message>
        <source>{n} not accepted</source>
        <translation>{n} no aceptados</translation>
    </message>
    <message>
        <source>check the clock</source>
        <translation>revisa el reloj</translation>
    </message>
    <message>
        <source>update needed</source>
        <translation>hace falta actualizar</translation>
    </message>
    <message>
        <source>The school server has a problem.</source>
        <translation>El servidor del centro tiene un problema.</translation>
    </message>
    <message>
        <source>{n} waiting.</source>
        <translation>{n} en espera.</translation>
    </message>
</context>
<context>
    <name>TargetDialog</name>
    <message>
        <source>Daily target: {name}</source>
        <translation>Objetivo del día: {name}</translation>
    </message>
    <message>
        <source>Points to reach in the day</source>
        <translation>Puntos que alcanzar en el día</translation>
    </message>
    <message>
        <source>Every school day</source>
        <translation>Cada día de clase</translation>
    </message>
    <message>
        <source>Target for every school day</source>
        <translation>Objetivo para cada día de clase</translation>
    </message>
    <message>
        <source>Today only</source>
        <translation>Solo hoy</translation>
    </message>
    <message>
        <source>Target for today only</source>
        <translation>Objetivo solo para hoy</translation>
    </message>
    <message>
        <source>Skills that count (none ticked: every skill)</source>
        <translation>Habilidades que cuentan (ninguna marcada: todas)</translation>
    </message>
    <message>
        <source>Current target</source>
        <translation>Objetivo actual</translation>
    </message>
    <message>
        <source>Set target</source>
        <translation>Fijar objetivo</translation>
    </message>
    <message>
        <source>Set the target</source>
        <translation>Fijar el objetivo</translation>
    </message>
    <message>
        <source>Clear target</source>
        <translation>Quitar objetivo</translation>
    </message>
    <message>
        <source>Clear the target</source>
        <translation>Quitar el objetivo</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Close the target</source>
        <translation>Cerrar el objetivo</translation>
    </message>
    <message>
        <source>Points to reach</source>
        <translation>Puntos que alcanzar</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Count only these skills (none ticked: every skill)</source>
        <translation>Contar solo estas habilidades (ninguna marcada: todas)</translation>
    </message>
    <message>
        <source>No target today.</source>
        <translation>Hoy no hay objetivo.</translation>
    </message>
    <message>
        <source>Today: {points} points (every school day).</source>
        <translation>Hoy: {points} puntos (cada día de clase).</translation>
    </message>
    <message>
        <source>Today: {points} points (today only).</source>
        <translation>Hoy: {points} puntos (solo hoy).</translation>
    </message>
</context>
<context>
    <name>TeachingPicker</name>
    <message>
        <source>Pick your name: awards from here carry it</source>
        <translation>Elige tu nombre: los puntos que se den aquí lo llevarán</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Who is teaching?</source>
        <translation>¿Quién da clase?</translation>
    </message>
    <message>
        <source>Teaching: {name}</source>
        <translation>Da clase: {name}</translation>
    </message>
    <message>
        <source>Nobody (forget my name)</source>
        <translation>Nadie (olvidar mi nombre)</translation>
    </message>
</context>
<context>
    <name>TimerTool</name>
    <message>
        <source>Time left</source>
        <translation>Tiempo restante</translation>
    </message>
    <message>
        <source>Timer status</source>
        <translation>Estado del temporizador</translation>
    </message>
    <message>
        <source>+1 min</source>
        <translation>+1 min</translation>
    </message>
    <message>
        <source>Add one minute</source>
        <translation>Añadir un minuto</translation>
    </message>
    <message>
        <source>+10 s</source>
        <translation>+10 s</translation>
    </message>
    <message>
        <source>Add ten seconds</source>
        <translation>Añadir diez segundos</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>Set the timer to {n} min</source>
        <translation>Poner el temporizador en {n} min</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Empezar</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Reiniciar</translation>
    </message>
    <message>
        <source>Reset the timer</source>
        <translation>Reiniciar el temporizador</translation>
    </message>
    <message>
        <source>Time left: {time}</source>
        <translation>Tiempo restante: {time}</translation>
    </message>
    <message>
        <source>Time is up!</source>
        <translation>¡Se acabó el tiempo!</translation>
    </message>
    <message>
        <source>Counting down</source>
        <translation>Cuenta atrás en marcha</translation>
    </message>
    <message>
        <source>Choose a time, then Start</source>
        <translation>Elige un tiempo y luego Empezar</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
</context>
<context>
    <name>UndoToast</name>
    <message>
        <source>Last award</source>
        <translation>Último premio</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>{points} {skill} · {who}</source>
        <translation>{points} {skill} · {who}</translation>
    </message>
</context>
<context>
    <name>WindowMenu</name>
    <message>
        <source>Menu</source>
        <translation>Menú</translation>
    </message>
    <message>
        <source>Undo last award</source>
        <translation>Deshacer el último premio</translation>
    </message>
    <message>
        <source>Student history…</source>
        <translation>Historial del alumno…</translation>
    </message>
    <message>
        <source>Daily target…</source>
        <translation>Objetivo del día…</translation>
    </message>
    <message>
        <source>Register…</source>
        <translation>Pasar lista…</translation>
    </message>
    <message>
        <source>Timer…</source>
        <translation>Temporizador…</translation>
    </message>
    <message>
        <source>Random picker…</source>
        <translation>Selector al azar…</translation>
    </message>
    <message>
        <source>Groups…</source>
        <translation>Grupos…</translation>
    </message>
    <message>
        <source>Class goal…</source>
        <translation>Meta de la clase…</translation>
    </message>
    <message>
        <source>Noise meter…</source>
        <translation>Medidor de ruido…</translation>
    </message>
    <message>
        <source>Points period</source>
        <translation>Periodo de los puntos</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Diario</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Semanal</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>Mensual</translation>
    </message>
    <message>
        <source>Each term</source>
        <translation>Cada trimestre</translation>
    </message>
    <message>
        <source>Never reset</source>
        <translation>Nunca se reinician</translation>
    </message>
    <message>
        <source>Class story…</source>
        <translation>Historia de la clase…</translation>
    </message>
    <message>
        <source>Story approvals…</source>
        <translation>Historias por aprobar…</translation>
    </message>
    <message>
        <source>Messages…</source>
        <translation>Mensajes…</translation>
    </message>
    <message>
        <source>School hours for messages…</source>
        <translation>Horario del centro para los mensajes…</translation>
    </message>
    <message>
        <source>Skills…</source>
        <translation>Habilidades…</translation>
    </message>
    <message>
        <source>Students…</source>
        <translation>Alumnos…</translation>
    </message>
    <message>
        <source>New class…</source>
        <translation>Clase nueva…</translation>
    </message>
    <message>
        <source>Import students from CSV…</source>
        <translation>Importar alumnos de CSV…</translation>
    </message>
    <message>
        <source>Export all data as CSV…</source>
        <translation>Exportar todos los datos como CSV…</translation>
    </message>
    <message>
        <source>Connect to school server…</source>
        <translation>Conectar con el servidor del centro…</translation>
    </message>
    <message>
        <source>My PIN for the boards…</source>
        <translation>Mi PIN para las pizarras…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Ajustes…</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Pantalla completa</translation>
    </message>
    <message>
        <source>Story approvals ({count} waiting)…</source>
        <translation>Historias por aprobar ({count} en espera)…</translation>
    </message>
    <message>
        <source>Messages ({count} new)…</source>
        <translation>Mensajes ({count} sin leer)…</translation>
    </message>
</context>
</TS>
